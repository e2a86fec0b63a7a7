package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Version-aware updates as FHIR specifies them: an update whose {@code If-Match} names a version that is not the
 * current one gets 412 Precondition Failed, and the current version stays. HAPI answers the mismatch with 409, as for
 * any version conflict. And an {@code If-Match} update of a resource that does not exist is refused with 412 too
 * (RFC 9110: the condition is false without a current representation), where HAPI would create it: the client
 * expected to change a version it had read, perhaps of a resource deleted since.
 */
@Configuration(proxyBeanMethods = false)
class IfMatchConfig {

    @Bean
    FhirServerCustomizer ifMatchCustomizer() {
        return server -> server.registerInterceptor(new IfMatch());
    }

    static boolean hasIfMatch(RequestDetails request) {
        return request != null && request.getHeader(Constants.HEADER_IF_MATCH) != null;
    }

    static final class IfMatch {

        /**
         * SERVER_PRE_PROCESS_OUTGOING_EXCEPTION: before the transaction error locator, which answers every HAPI
         * exception (the first answer wins).
         */
        @Hook(value = Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION, order = -50)
        public BaseServerResponseException mismatch(RequestDetails request, Throwable exception) {
            if (exception instanceof ResourceVersionConflictException && hasIfMatch(request)) {
                return new PreconditionFailedException(exception.getMessage());
            }
            return null;
        }

        /** STORAGE_PRESTORAGE_RESOURCE_CREATED: an update that would create, inside its transaction. */
        @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
        public void created(RequestDetails request, IBaseResource resource) {
            if (hasIfMatch(request) && request.getRestOperationType() == RestOperationTypeEnum.UPDATE) {
                throw new PreconditionFailedException("If-Match " + request.getHeader(Constants.HEADER_IF_MATCH)
                        + " names a version of " + resource.fhirType() + "/"
                        + resource.getIdElement().getIdPart()
                        + ", which does not exist");
            }
        }
    }
}
