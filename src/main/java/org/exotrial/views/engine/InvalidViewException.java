package org.exotrial.views.engine;

/** A ViewDefinition that cannot run, with a message that tells its author what to fix. */
public class InvalidViewException extends RuntimeException {

    public InvalidViewException(String message) {
        super(message);
    }

    public InvalidViewException(String message, Throwable cause) {
        super(message, cause);
    }
}
