package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.ig.InstalledGuide;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The guide's subscription topics, stored in every configuration: ExoTrial's event capture matches writes against
 * them ({@link SyncConfig}), and in the benchmark's stock comparator HAPI's own R4 topic loader reads them from the
 * stored Basic resources ({@link HapiStockDeliveryConfig}).
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

    /**
     * Stored while the context starts, before the server takes requests. {@code installed} is not used: asking for it
     * stores the topics after the guide's own installation, as a later step of the same start.
     */
    @Bean
    InstalledTopics installedTopics(
            ImplementationGuide guide, FhirContext fhir, DaoRegistry daos, InstalledGuide installed) {
        return new TopicInstaller(daos).install(guide.definitions(fhir, "Basic"));
    }
}
