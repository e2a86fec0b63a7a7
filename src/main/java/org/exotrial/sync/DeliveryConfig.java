package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.exotrial.audit.DeliveryAudit;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.server.FhirServerProperties;
import org.exotrial.sync.SyncStore.Change;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Delivery of registry sync's notifications and the subscription operations (docs/sync.md). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExoTrialSync
class DeliveryConfig {

    /** After the sync tables exist ({@link SyncStore} creates them). */
    @Bean
    DeliveryStore deliveryStore(DataSource dataSource, SyncStore syncStore) {
        DeliveryStore store = new DeliveryStore(dataSource);
        store.createIfMissing();
        return store;
    }

    @Bean
    NotificationBuilder notificationBuilder(
            DaoRegistry daos,
            CallerBlinding blinding,
            FhirServerProperties server,
            @Value("${server.port:8080}") int port) {
        String base = server.serverAddress().isBlank() ? "http://localhost:" + port + "/fhir" : server.serverAddress();
        // The exact version an event refers to, read as the server: the owner's rights are applied by the builder.
        Function<Change, IBaseResource> versions = change -> {
            try {
                return daos.getResourceDao(change.type())
                        .read(new IdType(change.type(), change.id(), change.version()), new SystemRequestDetails());
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                return null;
            }
        };
        return new NotificationBuilder(base, versions, blinding::shown);
    }

    @Bean(destroyMethod = "stop")
    DeliveryWorker deliveryWorker(
            DeliveryStore store,
            SyncStore events,
            NotificationBuilder notifications,
            EndpointCheck endpoints,
            SyncProperties sync,
            DeliveryProperties properties,
            DaoRegistry daos,
            ObjectProvider<DeliveryAudit> audit,
            FhirContext fhir) {
        RetryPolicy retry = new RetryPolicy(
                properties.backoffBase(), properties.backoffMax(), sync.retryWindow(), new SecureRandom()::nextDouble);
        return new DeliveryWorker(
                store,
                events,
                notifications,
                new RestHookSender(endpoints, properties.timeout()),
                retry,
                new SubscriptionResources(daos.getResourceDao(Subscription.class)),
                audit.getIfAvailable(),
                properties,
                fhir);
    }

    /** Deliveries start once the server takes requests: a handshake's status update needs the whole server. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> deliveryStart(DeliveryWorker worker) {
        return ready -> worker.start();
    }

    /**
     * HAPI's JSON parser strips versions from references when it encodes; a notification event's focus names the
     * version the event is about ({@code $events} answers are encoded by the REST server with these options).
     */
    @Bean
    SmartInitializingSingleton notificationFocusKeepsVersions(FhirContext fhir) {
        return () -> {
            Set<String> paths = new HashSet<>(fhir.getParserOptions().getDontStripVersionsFromReferencesAtPaths());
            paths.add("Parameters.parameter.part.value");
            paths.add("Parameters.parameter.part.value[x]");
            fhir.getParserOptions().setDontStripVersionsFromReferencesAtPaths(paths);
        };
    }

    @Bean
    FhirServerCustomizer subscriptionOperations(
            DaoRegistry daos, DeliveryStore store, SyncStore events, NotificationBuilder notifications) {
        SubscriptionOperations operations =
                new SubscriptionOperations(daos.getResourceDao(Subscription.class), store, events, notifications);
        return server -> server.registerProvider(operations);
    }
}
