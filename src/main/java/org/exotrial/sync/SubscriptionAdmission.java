package org.exotrial.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.exotrial.security.access.Permission;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * Admits a Subscription a client writes only if sync can honour it (docs/sync.md, "Subscribe"): a topic
 * subscription of the backport profile on an installed topic, a rest-hook channel in JSON to an endpoint the
 * {@link EndpointPolicy} allows, filters the topic offers, nothing that selects by arm while a study is masked for a
 * blinded owner, and a topic about types the owner may read. The status is the server's: a client asks for
 * {@code requested} (or {@code off}); delivery turns it {@code active} after a handshake, or {@code error}.
 *
 * <p>On the REST server, for client requests only: the server's own writes (a {@link SystemRequestDetails}, e.g.
 * delivery setting {@code active} or {@code error}) are not client input. Runs after the owner check of
 * security.access, so that another client's subscription is refused as such, whatever its content.
 */
@Interceptor
final class SubscriptionAdmission {

    /** After {@code SubscriptionOwnership}'s hooks, which keep HAPI's default order 0. */
    private static final int AFTER_OWNERSHIP = 100;

    static final String JSON = "application/fhir+json";
    static final int MIN_HEARTBEAT_S = 10;
    static final int MAX_HEARTBEAT_S = 86_400;
    static final int MAX_TIMEOUT_S = 60;
    static final int MAX_COUNT = 100;

    private final InstalledTopics topics;
    private final EndpointPolicy endpoints;
    private final CallerBlinding blinding;

    SubscriptionAdmission(InstalledTopics topics, EndpointPolicy endpoints, CallerBlinding blinding) {
        this.topics = topics;
        this.endpoints = endpoints;
        this.blinding = blinding;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = AFTER_OWNERSHIP)
    public void created(RequestDetails request, IBaseResource resource) {
        admit(request, resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = AFTER_OWNERSHIP)
    public void updated(RequestDetails request, IBaseResource previous, IBaseResource current) {
        admit(request, current);
    }

    private void admit(RequestDetails request, IBaseResource resource) {
        if (!(resource instanceof Subscription subscription) || request instanceof SystemRequestDetails) {
            return;
        }
        Caller caller = Callers.of(request);
        if (caller == null) {
            throw new ForbiddenOperationException("No authenticated client");
        }
        if (!BackportSubscription.declaresProfile(subscription)) {
            throw invalid("Only topic-based subscriptions of the Subscriptions R5 Backport IG are supported:"
                    + " meta.profile must contain " + BackportSubscription.PROFILE + " and criteria the canonical URL"
                    + " of one of this server's topics (" + String.join(", ", sorted(topics.urls())) + "). Query"
                    + " criteria such as 'Observation?code=...' are not evaluated by this server: such a"
                    + " subscription would never notify.");
        }
        BackportSubscription backport;
        try {
            backport = BackportSubscription.of(subscription);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        String topic = backport.topicUrl();
        if (topic == null || !topics.urls().contains(topic)) {
            throw invalid("Subscription.criteria '" + topic + "' is not a subscription topic of this server. Its"
                    + " topics: " + String.join(", ", sorted(topics.urls())) + ".");
        }
        checkChannel(backport);
        checkStatus(subscription);
        checkFilters(caller, backport);
        checkScopes(caller, topic);
        // The status is the server's to set beyond what the client asks for; so is the error text.
        if (subscription.getStatus() != SubscriptionStatus.OFF) {
            subscription.setStatus(SubscriptionStatus.REQUESTED);
        }
        subscription.setError(null);
    }

    private void checkChannel(BackportSubscription backport) {
        if (!SubscriptionChannelType.RESTHOOK.toCode().equals(backport.channelType())) {
            throw invalid("Subscription.channel.type must be rest-hook: the only channel this server delivers to.");
        }
        if (backport.endpoint() == null || backport.endpoint().isBlank()) {
            throw invalid("Subscription.channel.endpoint is missing: the URL notifications are sent to.");
        }
        if (!JSON.equals(backport.payload())) {
            throw invalid("Subscription.channel.payload must be " + JSON + " (notifications are sent as FHIR JSON"
                    + " only" + (backport.payload() == null ? "" : "; not " + backport.payload()) + ").");
        }
        if (!BackportSubscription.CONTENTS.contains(backport.content())) {
            throw invalid("The payload content (extension " + BackportSubscription.CONTENT_EXTENSION + ") must be"
                    + " empty, id-only or full-resource, not '" + backport.content() + "'.");
        }
        checkRange("heartbeat period", backport.heartbeatSeconds(), MIN_HEARTBEAT_S, MAX_HEARTBEAT_S);
        checkRange("timeout", backport.timeoutSeconds(), 1, MAX_TIMEOUT_S);
        checkRange("max count", backport.maxCount(), 1, MAX_COUNT);
        URI endpoint;
        try {
            endpoint = new URI(backport.endpoint());
        } catch (URISyntaxException e) {
            throw invalid("Subscription.channel.endpoint is not a URL: " + e.getMessage());
        }
        try {
            endpoints.check(endpoint);
        } catch (EndpointPolicy.EndpointRefused e) {
            throw invalid("Subscription.channel.endpoint refused: " + e.getMessage());
        }
    }

    private static void checkRange(String name, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw invalid("The channel's " + name + " must be between " + min + " and " + max
                    + (name.equals("max count") ? "" : " seconds") + ", not " + value + ".");
        }
    }

    private static void checkStatus(Subscription subscription) {
        if (subscription.getStatus() == SubscriptionStatus.ERROR) {
            throw invalid("Subscription.status 'error' is set by the server when delivery fails. Send 'requested' to"
                    + " resume delivery (after a new handshake), or 'off' to stop it.");
        }
    }

    /**
     * Blinding first: a filter that selects by arm is refused as such (403), before it could be refused as one the
     * topic does not offer, which would hide the reason from a registry that tries another topic.
     */
    private void checkFilters(Caller caller, BackportSubscription backport) {
        String refusal = blinding.refusal(caller, backport.filters());
        if (refusal != null) {
            throw new ForbiddenOperationException(refusal);
        }
        String topic = backport.topicUrl();
        Set<String> types = topics.resourceTypes(topic);
        var canFilterBy = topics.filterParameters(topic);
        for (String filter : backport.filters()) {
            try {
                FilterCriteria.parse(filter).checkAgainst(topic, types, canFilterBy);
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
    }

    /** A notification points at resources of the topic's types: an owner that may not read them may not subscribe. */
    private void checkScopes(Caller caller, String topic) {
        for (String type : topics.resourceTypes(topic)) {
            if (!caller.may(type, Permission.READ)) {
                throw new ForbiddenOperationException("The topic " + topic + " notifies of " + type
                        + " resources, which this client may not read: it needs the scope system/" + type
                        + ".r (or .rs) granted to its role.");
            }
        }
    }

    private static UnprocessableEntityException invalid(String message) {
        return new UnprocessableEntityException(message);
    }

    private static List<String> sorted(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        list.sort(null);
        return list;
    }
}
