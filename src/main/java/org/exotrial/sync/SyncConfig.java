package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.matcher.SearchParamMatcher;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.demo.DemoProperties;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.server.StorageHook;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registry sync (issue 31, docs/sync.md): topic-based subscriptions with durable, ordered delivery. The topics
 * themselves are stored in every configuration ({@link TopicsConfig}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExoTrialSync
class SyncConfig {

    /** Demo mode's receivers run on this machine (a registry's test hook): allowed without listing them. */
    static final List<String> DEMO_HOSTS = List.of("localhost", "127.0.0.1");

    /** At the storage level: every write is a possible event, whichever way it came. */
    @Bean
    StorageHook eventCapture(
            InstalledTopics topics,
            SyncStore store,
            FhirContext fhir,
            SearchParamMatcher searchParamMatcher,
            CallerBlinding blinding,
            DataSource dataSource,
            ObjectProvider<DeliveryWorker> delivery) {
        Runnable wake = () -> delivery.ifAvailable(DeliveryWorker::wake);
        return new StorageHook(
                StorageHook.Stage.RECORD,
                new EventCapture(
                        new TriggerMatcher(fhir, topics.triggers()),
                        new EventFilter(searchParamMatcher, blinding),
                        store,
                        dataSource,
                        wake));
    }

    /** At the storage level: the server's own writes of a subscription (its status) must reach the row too. */
    @Bean
    StorageHook subscriptionStateSync(InstalledTopics topics, SyncStore store) {
        return new StorageHook(StorageHook.Stage.RECORD, new SubscriptionStateSync(topics, store));
    }

    /** The subscriptions' events and delivery state, in tables of the server's own, created at startup if missing. */
    @Bean
    SyncStore syncStore(DataSource dataSource) {
        SyncStore store = new SyncStore(dataSource);
        store.createIfMissing();
        return store;
    }

    /** Where notifications may go; delivery checks again at connect time. */
    @Bean
    EndpointPolicy endpointPolicy(SyncProperties properties, DemoProperties demo) {
        List<String> hosts = new ArrayList<>(properties.allowedHosts());
        if (demo.enabled()) {
            hosts.addAll(DEMO_HOSTS);
        }
        return new EndpointPolicy(hosts);
    }

    /** On the REST server: what a client may subscribe to, and the topics advertised in the CapabilityStatement. */
    @Bean
    FhirServerCustomizer subscriptionAdmission(
            InstalledTopics topics, EndpointPolicy endpoints, CallerBlinding blinding) {
        return server -> {
            server.registerInterceptor(new SubscriptionAdmission(topics, endpoints, blinding));
            server.registerInterceptor(new TopicCanonicals(topics));
        };
    }

    @Bean
    BlindedSubscriptions blindedSubscriptions(
            DaoRegistry daos, SyncStore store, InstalledTopics topics, CallerBlinding blinding) {
        return new BlindedSubscriptions(daos, store, topics, blinding);
    }

    /** Once the storage hooks are registered (so the rows follow) and before clients are told the server is ready. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> blindedSubscriptionsAtStartup(BlindedSubscriptions blinded) {
        return event -> blinded.turnOff();
    }
}
