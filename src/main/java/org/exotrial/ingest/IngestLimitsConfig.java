package org.exotrial.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import org.exotrial.server.FhirServerCustomizer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
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

    static final class BundleSizeLimit {

        private final int maxEntries;

        BundleSizeLimit(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        /**
         * SERVER_INCOMING_REQUEST_PRE_HANDLED: the bundle is parsed but no entry has been processed, so an oversized
         * transaction costs no database work.
         */
        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void checkEntries(RequestDetails request, RestOperationTypeEnum operation) {
            if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof Bundle bundle)) {
                return;
            }
            int entries = bundle.getEntry().size();
            if (entries > maxEntries) {
                String message = LimitExceeded.message(
                        "The " + bundle.getType().toCode() + " bundle has " + entries + " entries",
                        LimitExceeded.MAX_BUNDLE_ENTRIES,
                        Integer.toString(maxEntries),
                        "bundles");
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue()
                        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                        .setCode(OperationOutcome.IssueType.TOOLONG)
                        .setDiagnostics(message)
                        .addExpression("Bundle.entry");
                throw new PayloadTooLargeException(message, outcome);
            }
        }
    }
}
