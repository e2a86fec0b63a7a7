package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
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
        return server -> server.registerInterceptor(new Describe(version));
    }

    static final class Describe {

        private final String version;

        Describe(String version) {
            this.version = version;
        }

        /** SERVER_CAPABILITY_STATEMENT_GENERATED: runs on the generated statement before it is cached and served. */
        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void describe(IBaseConformance generated) {
            CapabilityStatement cs = (CapabilityStatement) generated;
            cs.getSoftware().setName("ExoTrial").setVersion(version);
            cs.setPublisher("ExoTrial");
            var rest = cs.getRestFirstRep();
            // HAPI processes batch bundles but only advertises transaction.
            boolean hasBatch =
                    rest.getInteraction().stream().anyMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH);
            if (!hasBatch) {
                rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
            }
        }
    }
}
