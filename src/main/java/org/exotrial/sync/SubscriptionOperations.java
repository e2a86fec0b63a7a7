package org.exotrial.sync;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Set;
import org.exotrial.sync.DeliveryStore.Claim;
import org.exotrial.sync.SyncStore.SyncEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * The backport IG's {@code Subscription/[id]/$status} and {@code Subscription/[id]/$events}. The Subscription is read
 * first with the caller's own request, so the usual hooks decide who may use them: scopes, and the owner tag that
 * keeps a registry to its own subscriptions (another client's reads as not found).
 */
public final class SubscriptionOperations {

    /** Events one {@code $events} call returns at most; the caller asks again from the last number it got. */
    static final int MAX_EVENTS = 1000;

    private static final Set<String> CONTENTS =
            Set.of(NotificationBuilder.EMPTY, NotificationBuilder.ID_ONLY, NotificationBuilder.FULL_RESOURCE);

    private final IFhirResourceDao<Subscription> subscriptions;
    private final DeliveryStore store;
    private final SyncStore events;
    private final NotificationBuilder notifications;

    SubscriptionOperations(
            IFhirResourceDao<Subscription> subscriptions,
            DeliveryStore store,
            SyncStore events,
            NotificationBuilder notifications) {
        this.subscriptions = subscriptions;
        this.store = store;
        this.events = events;
        this.notifications = notifications;
    }

    @Operation(name = "$status", idempotent = true, type = Subscription.class)
    public Bundle status(@IdParam IdType id, RequestDetails request) {
        return notifications.queryStatus(owned(id, request));
    }

    /**
     * @param since the first event wanted (inclusive, default 1)
     * @param until the last event wanted (inclusive, default the latest)
     * @param content the payload, as a subscription's content (default the subscription's own)
     */
    @Operation(name = "$events", idempotent = true, type = Subscription.class)
    public Bundle events(
            @IdParam IdType id,
            @OperationParam(name = "eventsSinceNumber", max = 1) StringType since,
            @OperationParam(name = "eventsUntilNumber", max = 1) StringType until,
            @OperationParam(name = "content", max = 1) CodeType content,
            RequestDetails request) {
        Claim subscription = owned(id, request);
        long first = number(since, "eventsSinceNumber", 1);
        long last = number(until, "eventsUntilNumber", subscription.lastEventNumber());
        String payload = content == null || content.isEmpty() ? subscription.content() : content.getCode();
        if (!CONTENTS.contains(payload)) {
            throw new InvalidRequestException("content must be one of " + CONTENTS + ", not " + payload);
        }
        List<SyncEvent> found = last < first
                ? List.of()
                : events.eventsSince(subscription.subscriptionId(), Math.max(0, first - 1), MAX_EVENTS).stream()
                        .filter(event -> event.number() <= last)
                        .toList();
        return notifications.queryEvents(subscription, found, payload);
    }

    /** The subscription's sync state, once the caller has shown it may read the Subscription. */
    private Claim owned(IdType id, RequestDetails request) {
        IdType versionless = new IdType("Subscription", id.getIdPart());
        if (subscriptions.read(versionless, request) == null) {
            // Another client's subscription: left out by the ownership hook, so it is "not found" to this caller.
            throw new ResourceNotFoundException(versionless);
        }
        return store.state(id.getIdPart())
                .orElseThrow(() -> new ResourceNotFoundException(
                        "Subscription/" + id.getIdPart() + " is not a topic subscription with events on this server"));
    }

    private static long number(StringType value, String name, long otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.getValue().trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be an event number, not " + value.getValue());
        }
    }
}
