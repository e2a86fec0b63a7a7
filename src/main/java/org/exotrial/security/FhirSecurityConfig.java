package org.exotrial.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.io.IOException;
import org.exotrial.security.access.ScopeEnforcement;
import org.exotrial.server.FhirServerCustomizer;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Plugs security into the FHIR endpoint: scope enforcement, the SMART configuration and the advertised security. */
@Configuration(proxyBeanMethods = false)
class FhirSecurityConfig {

    static final String SMART_CONFIGURATION_PATH = "/fhir/.well-known/smart-configuration";

    @Bean
    SmartConfiguration smartConfiguration(SecurityProperties security) {
        return SmartConfiguration.of(security);
    }

    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfigurationServlet(SmartConfiguration configuration)
            throws IOException {
        return new ServletRegistrationBean<>(new SmartConfigurationServlet(configuration), SMART_CONFIGURATION_PATH);
    }

    @Bean
    FhirServerCustomizer scopeEnforcement(SmartConfiguration configuration, SecurityProperties security) {
        return server -> {
            if (!security.enabled()) {
                return;
            }
            ScopeEnforcement.register(server);
            server.registerInterceptor(new AdvertiseSecurity(configuration));
        };
    }

    /** The CapabilityStatement's {@code rest.security}: SMART-on-FHIR with the OAuth endpoints. */
    static final class AdvertiseSecurity {

        private final SmartConfiguration configuration;

        AdvertiseSecurity(SmartConfiguration configuration) {
            this.configuration = configuration;
        }

        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void advertise(IBaseConformance generated) {
            CapabilityStatement.CapabilityStatementRestSecurityComponent security =
                    ((CapabilityStatement) generated).getRestFirstRep().getSecurity();
            security.getService().clear();
            security.addService(new CodeableConcept()
                    .addCoding(new org.hl7.fhir.r4.model.Coding(
                            "http://terminology.hl7.org/CodeSystem/restful-security-service",
                            "SMART-on-FHIR",
                            "SMART-on-FHIR")));
            security.setDescription("OAuth 2.0 client credentials with private_key_jwt (SMART Backend Services); "
                    + "SMART v2 system scopes; see " + SMART_CONFIGURATION_PATH);
            Extension uris = security.addExtension()
                    .setUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
            uris.addExtension("token", new UriType(configuration.tokenEndpoint()));
        }
    }
}
