package org.exotrial.ingest;

import org.exotrial.server.FhirServerCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The size limits of {@link IngestProperties} on the FHIR endpoint and {@code POST /hl7v2}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
class IngestLimitsConfig {

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(IngestProperties properties) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeFilter(properties.maxRequestSize().toBytes()));
        registration.addUrlPatterns("/fhir/*", "/hl7v2");
        return registration;
    }

    /**
     * Tomcat answers "Expect: 100-continue" at once by default, so a client sends its whole body before it can see the
     * 413. Answering only when the body is read lets a refused upload stop after its headers.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueWhenBodyIsRead() {
        return factory ->
                factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
    }

    @Bean
    FhirServerCustomizer bundleSizeCustomizer(IngestProperties properties) {
        return server -> server.registerInterceptor(new BundleSizeLimit(properties.maxBundleEntries()));
    }
}
