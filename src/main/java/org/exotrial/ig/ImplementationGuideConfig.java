package org.exotrial.ig;

import ca.uhn.fhir.batch2.coordinator.JobDefinitionRegistry;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.util.List;
import org.exotrial.server.FhirServerCustomizer;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs the implementation guide into HAPI at startup (profiles, terminology, search parameters) and advertises its
 * profiles in the CapabilityStatement.
 */
@Configuration(proxyBeanMethods = false)
class ImplementationGuideConfig {

    private static final Logger log = LoggerFactory.getLogger(ImplementationGuideConfig.class);

    @Bean
    ImplementationGuide implementationGuide(FhirContext fhir) {
        return ImplementationGuide.fromClasspath(fhir);
    }

    /**
     * Installed while the context starts, before the server takes requests: a profile that is not installed cannot be
     * enforced, so a guide that installs no profiles stops the server instead of silently accepting anything.
     */
    @Bean
    InstalledGuide installedGuide(
            ImplementationGuide guide,
            IPackageInstallerSvc installer,
            JobDefinitionRegistry jobs,
            List<JobDefinition<?>> jobDefinitions) {
        // Installing search parameters schedules a reindex job. HAPI registers job definitions only once the context
        // has refreshed, which is after this bean, so they are registered here (HAPI's starter does so for reindex).
        jobDefinitions.forEach(jobs::addJobDefinitionIfNotRegistered);
        PackageInstallationSpec spec = new PackageInstallationSpec()
                .setName(guide.name())
                .setVersion(guide.version())
                .setPackageContents(guide.bytes())
                .setInstallMode(PackageInstallationSpec.InstallModeEnum.STORE_AND_INSTALL)
                .setFetchDependencies(false);
        // The package version stays the same while the guide is developed; always install what the jar carries.
        spec.setReloadExisting(true);
        long start = System.currentTimeMillis();
        var outcome = installer.install(spec);
        int profiles = outcome.getResourcesInstalled().getOrDefault("StructureDefinition", 0);
        log.info(
                "Installed {}#{} in {} ms: {}",
                guide.name(),
                guide.version(),
                System.currentTimeMillis() - start,
                outcome.getResourcesInstalled());
        if (profiles < guide.profileCount()) {
            throw new IllegalStateException("Implementation guide " + guide.name() + " installed " + profiles
                    + " StructureDefinitions but carries " + guide.profileCount()
                    + " profiles; are they all status=active? Messages: " + outcome.getMessage());
        }
        return new InstalledGuide(guide.name(), guide.version(), outcome.getResourcesInstalled());
    }

    @Bean
    FhirServerCustomizer supportedProfilesCustomizer(InstalledGuide installed, ImplementationGuide guide) {
        return server -> server.registerInterceptor(new SupportedProfiles(guide));
    }

    static final class SupportedProfiles {

        private final ImplementationGuide guide;

        SupportedProfiles(ImplementationGuide guide) {
            this.guide = guide;
        }

        /** SERVER_CAPABILITY_STATEMENT_GENERATED: lists every IG profile as supportedProfile of its resource type. */
        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void addProfiles(IBaseConformance generated) {
            CapabilityStatement cs = (CapabilityStatement) generated;
            cs.addImplementationGuide(ImplementationGuide.CANONICAL + "/ImplementationGuide/" + guide.name());
            for (var resource : cs.getRestFirstRep().getResource()) {
                for (String url : guide.profilesByType().getOrDefault(resource.getType(), java.util.Set.of())) {
                    if (resource.getSupportedProfile().stream().noneMatch(p -> url.equals(p.getValue()))) {
                        resource.addSupportedProfile(url);
                    }
                }
            }
        }
    }
}
