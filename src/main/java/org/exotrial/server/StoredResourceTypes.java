package org.exotrial.server;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps HAPI's storage (its DAO) and REST endpoint (its resource provider) only for the resource types this server
 * stores, {@code exotrial.fhir.resource-types}. The default, {@code *}, is all 146 R4 types, as hospitals send them
 * (claims, immunizations, care teams beside a trial's data); an operator may narrow it, and then a request for any
 * other type is answered as for an unknown type.
 *
 * <p>HAPI's generated configuration gives no switch for this: {@code DaoRegistry.setSupportedResourceTypes} hides
 * types but still creates their DAOs, because the registry collects every {@code IFhirResourceDao} bean. So the
 * definitions are removed before any bean is created, by their generated names ({@code myPatientDaoR4},
 * {@code myPatientRpR4}).
 */
final class StoredResourceTypes implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    static final String PROPERTY = "exotrial.fhir.resource-types";

    /** The setting's value for all of R4's types, as HAPI serves them. */
    static final String ALL = "*";

    /**
     * What the server itself stores or looks up, whatever the setting: the guide's conformance resources (HAPI's
     * package installer and terminology), Binary (HAPI's package cache keeps the guide's package in one; a list without
     * it stopped the start on a fresh data directory), the types the guide profiles or defines search parameters on
     * (HAPI will not install a search parameter for a type it does not store), subscriptions (HAPI's subscription machinery), Task and Provenance (HAPI's
     * Patient {@code $merge} and {@code $hapi.fhir.replace-references} track their work in them; without Provenance
     * the start stops), Basic (unblinding records), Library (the guide's SQL-on-FHIR views), the AuditEvents stored
     * before the audit table (served beside it), Group (each study's, for bulk export), and the types ExoTrial's own
     * code reads.
     */
    static final Set<String> REQUIRED = Set.of(
            "StructureDefinition",
            "ValueSet",
            "CodeSystem",
            "ConceptMap",
            "NamingSystem",
            "SearchParameter",
            "Binary",
            "Subscription",
            "Task",
            "Provenance",
            "Basic",
            "Library",
            "AuditEvent",
            "Group",
            "Patient",
            "Encounter",
            "Observation",
            "Procedure",
            "AdverseEvent",
            "Specimen",
            "ResearchStudy",
            "ResearchSubject");

    private static final Logger log = LoggerFactory.getLogger(StoredResourceTypes.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        // Bound here, before the properties bean exists: bean definitions can only be removed before beans are made.
        FhirServerProperties properties =
                Binder.get(environment).bindOrCreate("exotrial.fhir", FhirServerProperties.class);
        Optional<Set<String>> storedOrAll = properties.storedResourceTypes();
        if (storedOrAll.isEmpty()) {
            return;
        }
        Set<String> stored = storedOrAll.get();
        Set<String> known = FhirContext.forR4Cached().getResourceTypes();
        Set<String> unknown = new TreeSet<>(properties.resourceTypes());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(PROPERTY + " names types that are not FHIR R4 resources: " + unknown);
        }
        int removed = 0;
        for (String type : known) {
            if (stored.contains(type)) {
                continue;
            }
            for (String bean : List.of("my" + type + "DaoR4", "my" + type + "RpR4")) {
                if (registry.containsBeanDefinition(bean)) {
                    registry.removeBeanDefinition(bean);
                    removed++;
                }
            }
        }
        log.info(
                "Storing {} resource types ({} HAPI beans of other types left out): {}",
                stored.size(),
                removed,
                stored);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // Everything happens on the registry, before any bean exists.
    }
}
