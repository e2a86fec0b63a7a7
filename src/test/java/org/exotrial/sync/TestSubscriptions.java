package org.exotrial.sync;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * Subscriptions for the delivery tests, as a registry makes them: a backport topic Subscription created over REST,
 * which admission checks and state sync copies into the sync tables.
 */
final class TestSubscriptions {

    static final String TOPICS = "https://exotrial.org/fhir/SubscriptionTopic/";
    static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";

    private final IGenericClient registry;
    private final IGenericClient admin;

    TestSubscriptions(IGenericClient registry, IGenericClient admin) {
        this.registry = registry;
        this.admin = admin;
    }

    /** A requested subscription of the demo registry; returns its id. */
    String create(String topic, String content, String endpoint, List<String> headers, Integer heartbeatSeconds) {
        return create(registry, topic, content, endpoint, headers, heartbeatSeconds);
    }

    /** A requested subscription of the admin: another client's, as the registry sees it. */
    String createAsAdmin(String topic, String content, String endpoint) {
        return create(admin, topic, content, endpoint, List.of(), null);
    }

    private static String create(
            IGenericClient owner,
            String topic,
            String content,
            String endpoint,
            List<String> headers,
            Integer heartbeatSeconds) {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile(BACKPORT + "backport-subscription");
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
        return owner.create().resource(subscription).execute().getId().getIdPart();
    }

    /** The owner asks again for a subscription in error: PUT with status requested, as the backport IG says. */
    void rerequest(IGenericClient owner, String id) {
        Subscription subscription =
                owner.read().resource(Subscription.class).withId(id).execute();
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setError(null);
        owner.update().resource(subscription).execute();
    }
}
