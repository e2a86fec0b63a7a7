package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One access-log line per FHIR request that carries no patient data: the operation, the resource type and the status,
 * never the query string, resource ids or bodies (search parameters can hold names and identifiers).
 */
@Configuration(proxyBeanMethods = false)
class RequestLogConfig {

    @Bean
    FhirServerCustomizer requestLogCustomizer() {
        return server -> server.registerInterceptor(new RequestLog());
    }

    static final class RequestLog {

        private static final Logger log = LoggerFactory.getLogger("org.exotrial.access");

        /** SERVER_PROCESSING_COMPLETED fires once per request, after success or failure, with timing available. */
        @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
        public void completed(RequestDetails request, ServletRequestDetails servletRequest) {
            if (!log.isInfoEnabled()) {
                return;
            }
            var response = servletRequest.getServletResponse();
            log.info(
                    "{} {} {} -> {} in {} ms",
                    request.getRequestType(),
                    request.getRestOperationType(),
                    request.getResourceName() == null ? "-" : request.getResourceName(),
                    response == null ? "?" : response.getStatus(),
                    request.getRequestStopwatch().getMillis());
        }
    }
}
