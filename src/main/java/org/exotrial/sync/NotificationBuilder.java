package org.exotrial.sync;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Permission;
import org.exotrial.security.access.Role;
import org.exotrial.security.access.SmartScope;
import org.exotrial.sync.DeliveryStore.Claim;
import org.exotrial.sync.SyncStore.Change;
import org.exotrial.sync.SyncStore.SyncEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The notifications of the Subscriptions R5 Backport IG in their R4 form: a {@code history} Bundle whose first entry
 * is the subscription's status (a Parameters of profile backport-subscription-status-r4, parameter names as HAPI's own
 * R4NotificationStatusBuilder writes them), followed by the events' resources as the content asks. Payloads are what
 * the subscription's OWNER may read: types its scopes do not cover are left out (the event stays, without its focus),
 * and each resource is passed through blinding for that owner.
 */
final class NotificationBuilder {

    static final String STATUS_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";

    static final String EMPTY = "empty";
    static final String ID_ONLY = "id-only";
    static final String FULL_RESOURCE = "full-resource";

    private final String base;
    private final Function<Change, IBaseResource> versions;
    private final BiFunction<Caller, IBaseResource, IBaseResource> shown;

    /**
     * @param base the server's FHIR base URL, for full URLs and the subscription's reference
     * @param versions the version of a resource an event refers to, or null when it cannot be read any more
     * @param shown the resource as an owner may see it (blinding)
     */
    NotificationBuilder(
            String base,
            Function<Change, IBaseResource> versions,
            BiFunction<Caller, IBaseResource, IBaseResource> shown) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.versions = versions;
        this.shown = shown;
    }

    /** A notification to send: {@code handshake}, {@code heartbeat} or {@code event-notification}. */
    Bundle notification(Claim subscription, String type, List<SyncEvent> events) {
        return bundle(subscription, type, events, subscription.content(), Bundle.BundleType.HISTORY);
    }

    /** {@code $events}: the stored events, with the payload the content asks for. */
    Bundle queryEvents(Claim subscription, List<SyncEvent> events, String content) {
        return bundle(subscription, "query-event", events, content, Bundle.BundleType.HISTORY);
    }

    /** {@code $status}: the status alone, in a searchset Bundle, as the backport IG's operation returns it. */
    Bundle queryStatus(Claim subscription) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Parameters status = status(subscription, "query-status");
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + status.getIdPart())
                .setResource(status)
                .getSearch()
                .setMode(Bundle.SearchEntryMode.MATCH);
        bundle.setTotal(1);
        return bundle;
    }

    private Bundle bundle(
            Claim subscription, String type, List<SyncEvent> events, String content, Bundle.BundleType bundleType) {
        Bundle bundle = new Bundle().setType(bundleType);
        bundle.setTimestamp(new Date());
        Parameters status = status(subscription, type);
        bundle.addEntry().setFullUrl("urn:uuid:" + status.getIdPart()).setResource(status);
        Caller owner = owner(subscription);
        for (SyncEvent event : events) {
            Change change = event.change();
            var notified = status.addParameter().setName("notification-event");
            notified.addPart().setName("event-number").setValue(new StringType(Long.toString(event.number())));
            notified.addPart().setName("timestamp").setValue(new InstantType(Date.from(event.occurredAt())));
            if (EMPTY.equals(content) || owner == null || !owner.may(change.type(), Permission.READ)) {
                continue;
            }
            notified.addPart().setName("focus").setValue(new Reference(focus(change)));
            Bundle.BundleEntryComponent entry =
                    bundle.addEntry().setFullUrl(base + "/" + change.type() + "/" + change.id());
            entry.setRequest(request(change));
            if (FULL_RESOURCE.equals(content) && !"delete".equals(change.interaction())) {
                IBaseResource resource = versions.apply(change);
                if (resource != null) {
                    entry.setResource((Resource) shown.apply(owner, resource));
                }
            }
        }
        return bundle;
    }

    private Parameters status(Claim subscription, String type) {
        Parameters status = new Parameters();
        status.setId(UUID.randomUUID().toString());
        status.getMeta().addProfile(STATUS_PROFILE);
        status.addParameter("subscription", new Reference(base + "/Subscription/" + subscription.subscriptionId()));
        status.addParameter("topic", new CanonicalType(subscription.topicUrl()));
        status.addParameter("status", new CodeType(subscription.status()));
        status.addParameter("type", new CodeType(type));
        // A string in R4: the count is an integer64 in R5.
        status.addParameter(
                "events-since-subscription-start", new StringType(Long.toString(subscription.lastEventNumber())));
        if (subscription.lastError() != null && !"active".equals(subscription.status())) {
            status.addParameter()
                    .setName("error")
                    .setValue(new org.hl7.fhir.r4.model.CodeableConcept().setText(subscription.lastError()));
        }
        return status;
    }

    private static String focus(Change change) {
        String focus = change.type() + "/" + change.id();
        return change.version() == null ? focus : focus + "/_history/" + change.version();
    }

    private static Bundle.BundleEntryRequestComponent request(Change change) {
        var request = new Bundle.BundleEntryRequestComponent();
        switch (change.interaction()) {
            case "create" -> request.setMethod(Bundle.HTTPVerb.POST).setUrl(change.type());
            case "delete" -> request.setMethod(Bundle.HTTPVerb.DELETE).setUrl(change.type() + "/" + change.id());
            default -> request.setMethod(Bundle.HTTPVerb.PUT).setUrl(change.type() + "/" + change.id());
        }
        return request;
    }

    /**
     * The owner as it was when it last wrote the subscription: its client, role and granted scopes. Null (nothing
     * readable) when the row names no role this server knows.
     */
    static Caller owner(Claim subscription) {
        Role role = subscription.ownerRole() == null ? null : Role.ofClaim(subscription.ownerRole());
        if (role == null || subscription.ownerClientId() == null) {
            return null;
        }
        List<SmartScope> scopes = new ArrayList<>();
        String granted = Objects.requireNonNullElse(subscription.ownerScopes(), "");
        for (String scope : granted.trim().split("\\s+")) {
            SmartScope parsed = scope.isEmpty() ? null : SmartScope.parse(scope);
            if (parsed != null) {
                scopes.add(parsed);
            }
        }
        return new Caller(subscription.ownerClientId(), role, List.copyOf(scopes));
    }
}
