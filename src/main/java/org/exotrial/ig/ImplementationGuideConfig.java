package org.exotrial.ig;

import ca.uhn.fhir.batch2.coordinator.JobDefinitionRegistry;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import java.util.List;
import org.exotrial.server.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs the implementation guide into HAPI at startup (profiles, terminology, search parameters) and advertises its
 * profiles in the CapabilityStatement.
 */
@Configuration(proxyBeanMethods = false)
class ImplementationGuideConfig {

    @Bean
    ImplementationGuide implementationGuide(FhirContext fhir) {
        return ImplementationGuide.fromClasspath(fhir);
    }

    /** Installed while the context starts, before the server takes requests (see {@link GuideInstaller}). */
    @Bean
    InstalledGuide installedGuide(
            ImplementationGuide guide,
            IPackageInstallerSvc installer,
            IHapiPackageCacheManager packageCache,
            DaoRegistry daoRegistry,
            JobDefinitionRegistry jobs,
            List<JobDefinition<?>> jobDefinitions) {
        // Installing search parameters schedules a reindex job. HAPI registers job definitions only once the context
        // has refreshed, which is after this bean, so they are registered here (HAPI's starter does so for reindex).
        jobDefinitions.forEach(jobs::addJobDefinitionIfNotRegistered);
        return new GuideInstaller(installer, packageCache, daoRegistry).install(guide);
    }

    @Bean
    FhirServerCustomizer supportedProfilesCustomizer(InstalledGuide installed, ImplementationGuide guide) {
        return server -> server.registerInterceptor(new SupportedProfiles(guide));
    }
}
