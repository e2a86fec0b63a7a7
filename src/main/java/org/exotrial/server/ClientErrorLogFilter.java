package org.exotrial.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps ERROR and WARN for what an operator must act on: a client's mistake (4xx) is logged at DEBUG, without a stack
 * trace; every request, refused or not, already has its INFO line in {@code org.exotrial.access} with its status.
 * Server faults (5xx, and any exception that is not one of HAPI's HTTP answers) are untouched.
 *
 * <p>Two places in HAPI FHIR 8.8 log client errors as faults, and neither can be configured:
 *
 * <ul>
 *   <li>{@code BaseInterceptorService} logs every exception a hook throws at ERROR with its stack trace, before the
 *       server answers it: each 403 of the scope rules and of blinding, each 422 of the write validation, each 400 of
 *       an interceptor. Later HAPI versions drop the stack trace for HAPI's HTTP exceptions, but still log at ERROR.
 *   <li>{@code ExceptionHandlingInterceptor} logs each 4xx answer at WARN ("Failure during REST processing: {}", the
 *       form it keeps for status codes below 500).
 * </ul>
 *
 * A Logback turbo filter (installed by {@code logback-spring.xml}) sees the event before any appender, with the
 * exception itself, so it can tell a 4xx from a fault by the exception's status rather than by message text.
 */
public final class ClientErrorLogFilter extends TurboFilter {

    private static final String HAPI_4XX_WARNING = "Failure during REST processing: {}";

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable throwable) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = throwable != null ? throwable : lastThrowable(params);
        boolean clientError = thrown instanceof BaseServerResponseException answer && answer.getStatusCode() < 500
                || HAPI_4XX_WARNING.equals(format)
                        && logger.getName().startsWith("ca.uhn.fhir.rest.server.interceptor.");
        if (!clientError) {
            return FilterReply.NEUTRAL;
        }
        if (logger.isDebugEnabled()) {
            // Re-entrant: DEBUG events pass this filter untouched.
            logger.debug(
                    "Client error: {}",
                    MessageFormatter.arrayFormat(format, params).getMessage());
        }
        return FilterReply.DENY;
    }

    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
    }
}
