package org.exotrial.server;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * The assembled FHIR endpoint. Deliberately not a {@code Servlet} bean itself: Spring Boot turns every Servlet bean
 * into a registration while it creates the web server, before the bean factory caches type lookups, and resolving
 * HAPI's ~2,000 beans in that phase made startup several times slower (measured with JFR).
 */
public record FhirEndpoint(RestfulServer server) {}
