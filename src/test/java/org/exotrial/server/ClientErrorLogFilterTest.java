package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.junit.jupiter.api.Test;

class ClientErrorLogFilterTest {

    private static final String INTERCEPTORS = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";
    private static final String HANDLING = "ca.uhn.fhir.rest.server.interceptor.ExceptionHandlingInterceptor";

    @Test
    void aClientErrorIsKnownByItsStatus() {
        String format = "Exception thrown by interceptor for pointcut {}: {}";
        assertThat(ClientErrorLogFilter.clientError(INTERCEPTORS, format, new ForbiddenOperationException("no")))
                .isTrue();
        assertThat(ClientErrorLogFilter.clientError(INTERCEPTORS, format, new UnprocessableEntityException("bad")))
                .isTrue();
        assertThat(ClientErrorLogFilter.clientError(INTERCEPTORS, format, new InternalErrorException("bug")))
                .isFalse();
        assertThat(ClientErrorLogFilter.clientError(INTERCEPTORS, format, new NullPointerException()))
                .isFalse();
        // elsewhere a 4xx can be the operator's concern: a subscriber's endpoint refusing a delivery
        assertThat(ClientErrorLogFilter.clientError(
                        "ca.uhn.fhir.jpa.subscription.delivery",
                        "delivery failed",
                        new ForbiddenOperationException("x")))
                .isFalse();
    }

    @Test
    void hapisOwnClientErrorStatementsAreKnownByLoggerAndFormat() {
        assertThat(ClientErrorLogFilter.clientError(HANDLING, "Failure during REST processing: {}", null))
                .isTrue();
        assertThat(ClientErrorLogFilter.clientError(
                        "ca.uhn.fhir.jpa.search.builder.tasks.SearchTask",
                        "Failed during search due to invalid request: {}",
                        null))
                .isTrue();
        // the same words elsewhere, or HAPI's fault statements, are faults
        assertThat(ClientErrorLogFilter.clientError("org.exotrial.x", "Failure during REST processing: {}", null))
                .isFalse();
        assertThat(ClientErrorLogFilter.clientError(
                        HANDLING, "Failure during REST processing", new IllegalStateException()))
                .isFalse();
        assertThat(ClientErrorLogFilter.clientError(HANDLING, "x", new DataFormatException("bad date")))
                .isTrue();
        assertThat(ClientErrorLogFilter.clientError(INTERCEPTORS, "x", new DataFormatException("stored data")))
                .isFalse();
    }
}
