package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** All of R4 is stored unless the operator narrows the list (decision 37); then writes cannot point at the others. */
@Configuration(proxyBeanMethods = false)
class StoredResourceTypesConfig {

    /** Static: a registry post-processor must exist before any other bean of the context. */
    @Bean
    static StoredResourceTypes storedResourceTypes() {
        return new StoredResourceTypes();
    }

    /**
     * With HAPI's storage-level interceptors, so that writes from transactions and HL7 v2 ingest are checked too. Not
     * with {@code *}: then every type is stored and there is nothing to check.
     */
    @Bean
    SmartInitializingSingleton registerUnstoredTypeReferences(
            IInterceptorService interceptors, DaoRegistry daos, FhirServerProperties properties) {
        return () -> {
            if (properties.storedResourceTypes().isPresent()) {
                interceptors.registerInterceptor(new UnstoredTypeReferences(daos));
            }
        };
    }
}
