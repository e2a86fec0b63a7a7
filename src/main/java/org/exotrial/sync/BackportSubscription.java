package org.exotrial.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * What sync reads from an R4 Subscription of the Subscriptions R5 Backport IG: the topic (its {@code criteria}), the
 * filters (extensions on {@code criteria}), the payload content and the channel. One reading for admission, which
 * checks it, and for {@link SubscriptionStateSync}, which stores it.
 *
 * @param topicUrl the topic's canonical URL ({@code Subscription.criteria})
 * @param filters the backport filter criteria, each {@code Type?param=value} or {@code param=value}
 * @param content {@code empty}, {@code id-only} (the default) or {@code full-resource}
 * @param payload the channel's mime type, or null when absent
 * @param headers the channel's headers, each {@code Name: value}
 */
record BackportSubscription(
        String topicUrl,
        List<String> filters,
        String content,
        String channelType,
        String endpoint,
        String payload,
        List<String> headers,
        Integer heartbeatSeconds,
        Integer timeoutSeconds,
        Integer maxCount) {

    static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    static final String PROFILE = BACKPORT + "backport-subscription";
    static final String FILTER_EXTENSION = BACKPORT + "backport-filter-criteria";
    static final String CONTENT_EXTENSION = BACKPORT + "backport-payload-content";
    static final String HEARTBEAT_EXTENSION = BACKPORT + "backport-heartbeat-period";
    static final String TIMEOUT_EXTENSION = BACKPORT + "backport-timeout";
    static final String MAX_COUNT_EXTENSION = BACKPORT + "backport-max-count";
    static final Set<String> CONTENTS = Set.of("empty", "id-only", "full-resource");
    static final String DEFAULT_CONTENT = "id-only";

    BackportSubscription {
        filters = List.copyOf(filters);
        headers = List.copyOf(headers);
    }

    /** Whether the subscription declares the backport profile: only such subscriptions name a topic. */
    static boolean declaresProfile(Subscription subscription) {
        return subscription.getMeta().hasProfile(PROFILE);
    }

    /**
     * Reads the subscription, whose profile is not checked here.
     *
     * @throws IllegalArgumentException when an extension has a value of the wrong type or none
     */
    static BackportSubscription of(Subscription subscription) {
        List<String> filters = new ArrayList<>();
        for (Extension filter : subscription.getCriteriaElement().getExtensionsByUrl(FILTER_EXTENSION)) {
            filters.add(string(filter));
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        Extension content = channel.getPayloadElement().getExtensionByUrl(CONTENT_EXTENSION);
        List<String> headers =
                channel.getHeader().stream().map(h -> h.getValue()).toList();
        return new BackportSubscription(
                subscription.getCriteria(),
                filters,
                content == null ? DEFAULT_CONTENT : string(content),
                channel.hasType() ? channel.getType().toCode() : null,
                channel.getEndpoint(),
                channel.getPayload(),
                headers,
                integer(channel.getExtensionByUrl(HEARTBEAT_EXTENSION)),
                integer(channel.getExtensionByUrl(TIMEOUT_EXTENSION)),
                integer(channel.getExtensionByUrl(MAX_COUNT_EXTENSION)));
    }

    /** The row sync keeps of the subscription, with its owner and status. */
    SyncStore.SyncSubscription row(String id, SubscriptionOwner owner, String status) {
        return new SyncStore.SyncSubscription(
                id,
                owner.clientId(),
                owner.role(),
                owner.scopes(),
                topicUrl,
                filters,
                content,
                status,
                endpoint,
                headers,
                heartbeatSeconds,
                timeoutSeconds,
                maxCount);
    }

    private static String string(Extension extension) {
        if (extension.getValue() == null
                || !extension.getValue().isPrimitive()
                || extension.getValue().primitiveValue() == null) {
            throw new IllegalArgumentException("The extension " + extension.getUrl() + " has no text value.");
        }
        return extension.getValue().primitiveValue();
    }

    private static Integer integer(Extension extension) {
        if (extension == null) {
            return null;
        }
        if (!(extension.getValue() instanceof IntegerType number) || number.getValue() == null) {
            throw new IllegalArgumentException("The extension " + extension.getUrl()
                    + " needs a whole number (valueUnsignedInt or" + " valuePositiveInt).");
        }
        return number.getValue();
    }
}
