package org.exotrial.server;

import ca.uhn.fhir.rest.server.interceptor.CorsInterceptor;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/** Cross-origin access for browser-based FHIR apps; only when {@code exotrial.fhir.cors.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.fhir.cors.enabled", havingValue = "true")
class CorsConfig {

    @Bean
    FhirServerCustomizer corsCustomizer(FhirServerProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        properties.cors().allowedOrigins().forEach(cors::addAllowedOriginPattern);
        cors.setAllowedHeaders(List.of(
                HttpHeaders.ORIGIN,
                HttpHeaders.ACCEPT,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.IF_MATCH,
                HttpHeaders.IF_NONE_MATCH,
                "If-None-Exist",
                "Prefer"));
        cors.setExposedHeaders(List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_LOCATION, HttpHeaders.ETAG));
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"));
        return server -> server.registerInterceptor(new CorsInterceptor(cors));
    }
}
