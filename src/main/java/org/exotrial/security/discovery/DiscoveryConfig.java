package org.exotrial.security.discovery;

import java.io.IOException;
import org.exotrial.security.SecurityProperties;
import org.exotrial.server.FhirServerCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tells clients where and how to get a token: the SMART configuration and the CapabilityStatement's security. */
@Configuration(proxyBeanMethods = false)
class DiscoveryConfig {

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
    FhirServerCustomizer securityCapability(SmartConfiguration configuration, SecurityProperties security) {
        return server -> {
            if (security.enabled()) {
                server.registerInterceptor(new SecurityCapability(configuration));
            }
        };
    }
}
