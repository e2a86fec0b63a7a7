package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import javax.sql.DataSource;
import org.exotrial.blinding.SubscriptionBlinding;
import org.exotrial.server.StorageHook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registry sync (issue 31, docs/sync-design-notes.md): topic-based subscriptions with durable, ordered delivery. The
 * topics themselves are stored in every configuration ({@link TopicsConfig}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExoTrialSync
class SyncConfig {

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
