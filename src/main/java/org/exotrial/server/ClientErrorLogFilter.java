package org.exotrial.server;

import ca.uhn.fhir.parser.DataFormatException;
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
 * <p>HAPI FHIR 8.8 logs client errors as faults in places none of which can be configured (counted in a test run of
 * the blinding tests before this filter: 29 ERROR entries with stack traces and 29 WARN for 29 refused requests):
 *
 * <ul>
 *   <li>{@code BaseInterceptorService} logs every exception a hook throws at ERROR with its stack trace, before the
 *       server answers it: each 403 of the scope rules and of blinding, each 422 of the write validation, each 400 of
 *       an interceptor. Later HAPI versions drop the stack trace for HAPI's HTTP exceptions, but still log at ERROR.
 *   <li>{@code ExceptionHandlingInterceptor} logs each 4xx answer at WARN ("Failure during REST processing: {}", the
 *       form it uses only below 500), and a search value it cannot parse ({@code DataFormatException}, which it
 *       answers with 400) at ERROR with its stack trace.
 *   <li>The JPA {@code SearchTask} logs a 4xx raised while a search runs at WARN ("Failed during search due to invalid
 *       request: {}", used only from 400 to 499).
 * </ul>
 *
 * A Logback turbo filter (installed by {@code logback-spring.xml}) sees each event before any appender, with the
 * exception itself, so it tells a 4xx from a fault by the exception's status, or by the log statement HAPI keeps for
 * 4xx alone. Events of any other logger pass untouched.
 */
public final class ClientErrorLogFilter extends TurboFilter {

    private static final String INTERCEPTOR_SERVICE = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";
    private static final String EXCEPTION_HANDLING = "ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor";
    private static final String SEARCH_TASK = "ca.uhn.fhir.jpa.search.builder.tasks.SearchTask";

    @Override
    public FilterReply decide(
            Marker marker, Logger logger, Level level, String format, Object[] params, Throwable throwable) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null) {
            return FilterReply.NEUTRAL;
        }
        if (!clientError(logger.getName(), format, throwable != null ? throwable : lastThrowable(params))) {
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

    /**
     * Only the statements the class comment lists, by logger: elsewhere a 4xx exception can be an operator's concern (HAPI's client
     * throws the same classes when a subscriber's endpoint refuses a delivery).
     */
    static boolean clientError(String logger, String format, Throwable thrown) {
        return switch (logger) {
            case INTERCEPTOR_SERVICE -> thrown instanceof BaseServerResponseException answer
                    && answer.getStatusCode() < 500;
            case EXCEPTION_HANDLING -> "Failure during REST processing: {}".equals(format)
                    || thrown instanceof DataFormatException;
            case SEARCH_TASK -> "Failed during search due to invalid request: {}".equals(format);
            default -> false;
        };
    }

    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
    }
}
