package org.exotrial.server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the CapabilityStatement say what this server is and everything it does. */
@Configuration(proxyBeanMethods = false)
class CapabilityStatementConfig {

    @Bean
    FhirServerCustomizer capabilityStatementCustomizer(ObjectProvider<BuildProperties> build) {
        String version =
                build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion();
        return server -> server.registerInterceptor(new SoftwareDescription(version));
    }
}
