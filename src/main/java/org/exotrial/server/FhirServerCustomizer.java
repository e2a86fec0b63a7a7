package org.exotrial.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * How a capability plugs into the FHIR endpoint: declare a bean of this type and register providers or interceptors
 * on the server. Customizers run in {@link org.springframework.core.annotation.Order} order, so no central class needs
 * to know about any feature.
 */
@FunctionalInterface
public interface FhirServerCustomizer {

    void customize(RestfulServer server);
}
