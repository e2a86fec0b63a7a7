package org.exotrial.views.engine;

/**
 * A valid view that cannot turn one resource into rows: a column that is not a collection finds several values, a
 * {@code where} that is not boolean, a FHIRPath error at run time. The message names the column or path and the
 * resource.
 */
public class ViewEvaluationException extends RuntimeException {

    public ViewEvaluationException(String message) {
        super(message);
    }

    public ViewEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
