package org.exotrial.sync;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import javax.sql.DataSource;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.sync.SyncStore.SyncSubscription;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Subscriptions for the delivery tests, in ONE place. Until admission (branch sync-admit: SubscriptionAdmission,
 * SubscriptionStateSync) is merged nothing copies a Subscription resource into the sync tables, so this stores both:
 * the resource over REST as the admin, tagged as the demo registry's, and the same subscription's row. After the
 * merge, create it as the registry and drop the row writes here.
 */
final class TestSubscriptions {

    static final String TOPICS = "https://exotrial.org/fhir/SubscriptionTopic/";
    static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    static final String OWNER_TAG = "https://exotrial.org/fhir/CodeSystem/subscription-owner";
    static final String REGISTRY = DemoClients.clientId(Role.REGISTRY);

    private final IGenericClient admin;
    private final SyncStore store;
    private final JdbcTemplate jdbc;

    TestSubscriptions(IGenericClient admin, SyncStore store, DataSource dataSource) {
        this.admin = admin;
        this.store = store;
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** A requested subscription of the demo registry; returns its id. */
    String create(String topic, String content, String endpoint, List<String> headers, Integer heartbeatSeconds) {
        return create(REGISTRY, topic, content, endpoint, headers, heartbeatSeconds);
    }

    String create(
            String owner,
            String topic,
            String content,
            String endpoint,
            List<String> headers,
            Integer heartbeatSeconds) {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile(BACKPORT + "backport-subscription");
        subscription.getMeta().addTag(OWNER_TAG, owner, null);
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason("delivery test");
        subscription.setCriteria(TOPICS + topic);
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
        channel.setEndpoint(endpoint);
        channel.setPayload("application/fhir+json");
        channel.getPayloadElement()
                .addExtension(new Extension(BACKPORT + "backport-payload-content", new CodeType(content)));
        headers.forEach(channel::addHeader);
        if (heartbeatSeconds != null) {
            channel.addExtension(
                    new Extension(BACKPORT + "backport-heartbeat-period", new UnsignedIntType(heartbeatSeconds)));
        }
        channel.addExtension(new Extension(BACKPORT + "backport-timeout", new UnsignedIntType(5)));
        channel.addExtension(new Extension(BACKPORT + "backport-max-count", new IntegerType(20)));
        String id = admin.create().resource(subscription).execute().getId().getIdPart();
        store.saveSubscription(new SyncSubscription(
                id,
                owner,
                Role.REGISTRY.claim(),
                DemoClients.scope(Role.REGISTRY),
                TOPICS + topic,
                List.of(),
                content,
                "requested",
                endpoint,
                headers,
                heartbeatSeconds,
                5,
                20));
        return id;
    }

    /**
     * The owner asks again for a subscription in error: PUT with status requested, as the backport IG says. The row
     * and cursor reset is what SubscriptionStateSync will do on that write.
     */
    void rerequest(IGenericClient owner, String id) {
        Subscription subscription =
                owner.read().resource(Subscription.class).withId(id).execute();
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setError(null);
        owner.update().resource(subscription).execute();
        jdbc.update("UPDATE " + SyncStore.SUBSCRIPTIONS + " SET status = 'requested' WHERE subscription_id = ?", id);
        jdbc.update(
                "UPDATE " + SyncStore.CURSORS + " SET handshake_due = true, attempts = 0, first_failure_at = NULL,"
                        + " last_error = NULL, next_attempt_at = NULL WHERE subscription_id = ?",
                id);
    }
}
