package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import javax.sql.DataSource;
import org.exotrial.blinding.SubscriptionBlinding;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.ig.InstalledGuide;
import org.exotrial.server.StorageHook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registry sync (issue 31, docs/sync-design-notes.md): topic-based subscriptions with durable, ordered delivery. */
@Configuration(proxyBeanMethods = false)
class SyncConfig {

    /**
     * The guide's topics, stored while the context starts, before the server takes requests. {@code installed} is not
     * used: asking for it stores the topics after the guide's own installation, as a later step of the same start.
     */
    @Bean
    InstalledTopics installedTopics(
            ImplementationGuide guide, FhirContext fhir, DaoRegistry daos, InstalledGuide installed) {
        return new TopicInstaller(daos).install(guide.definitions(fhir, "Basic"));
    }

    /** At the storage level: every write is a possible event, whichever way it came. */
    @Bean
    StorageHook eventCapture(
            InstalledTopics topics,
            SyncStore store,
            FhirContext fhir,
            SearchParamMatcher searchParamMatcher,
            SubscriptionBlinding blinding) {
        return new StorageHook(
                StorageHook.Stage.RECORD,
                new EventCapture(
                        new TriggerMatcher(fhir, topics.triggers()),
                        new EventFilter(searchParamMatcher, blinding),
                        store));
    }

    /** The subscriptions' events and delivery state, in tables of the server's own, created at startup if missing. */
    @Bean
    SyncStore syncStore(DataSource dataSource) {
        SyncStore store = new SyncStore(dataSource);
        store.createIfMissing();
        return store;
    }
}
