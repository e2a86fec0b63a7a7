package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Role;
import org.exotrial.sync.DeliveryStore.Claim;
import org.exotrial.sync.SyncStore.Change;
import org.exotrial.sync.SyncStore.SyncEvent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

class NotificationBuilderTest {

    private static final String BASE = "https://trial.example.org/fhir";
    private static final String TOPIC = "https://exotrial.org/fhir/SubscriptionTopic/outcome-recorded";
    private static final String MASKED = "masked-for-owner";

    private final List<Change> read = new ArrayList<>();
    private final List<Caller> maskedFor = new ArrayList<>();

    private final NotificationBuilder builder = new NotificationBuilder(
            BASE + "/",
            change -> {
                read.add(change);
                IBaseResource resource = "ResearchSubject".equals(change.type())
                        ? new ResearchSubject().setAssignedArm("Placebo")
                        : new Observation();
                resource.setId(change.type() + "/" + change.id() + "/_history/" + change.version());
                return resource;
            },
            (owner, resource) -> {
                maskedFor.add(owner);
                IBaseResource copy = ((org.hl7.fhir.r4.model.Resource) resource).copy();
                copy.getMeta().addTag().setCode(MASKED);
                return copy;
            });

    private static final List<SyncEvent> EVENTS = List.of(
            event(1, "Observation", "o1", "1", "create"),
            event(2, "ResearchSubject", "s1", "2", "update"),
            event(3, "Observation", "o2", "3", "delete"),
            // The registry's scopes do not cover Condition: the event stays, without its focus.
            event(4, "Condition", "c1", "1", "create"));

    @Test
    void aFullResourceNotificationCarriesTheStatusThenTheResourcesTheOwnerMayReadAsShownToIt() {
        Bundle bundle = builder.notification(subscription("full-resource"), "event-notification", EVENTS);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
        assertThat(bundle.getEntryFirstRep().getFullUrl()).startsWith("urn:uuid:");
        assertThat(status.getMeta().hasProfile(NotificationBuilder.STATUS_PROFILE))
                .isTrue();
        assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
                .isEqualTo(BASE + "/Subscription/registry-outcomes");
        assertThat(status.getParameter("topic").getValue().primitiveValue()).isEqualTo(TOPIC);
        assertThat(status.getParameter("status").getValue().primitiveValue()).isEqualTo("active");
        assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("event-notification");
        assertThat(status.getParameter("events-since-subscription-start")
                        .getValue()
                        .primitiveValue())
                .isEqualTo("7");
        List<ParametersParameterComponent> notified = notificationEvents(status);
        assertThat(notified).extracting(e -> part(e, "event-number")).containsExactly("1", "2", "3", "4");
        assertThat(notified).extracting(e -> part(e, "timestamp")).doesNotContainNull();
        assertThat(notified)
                .extracting(e -> part(e, "focus"))
                .containsExactly(
                        "Observation/o1/_history/1",
                        "ResearchSubject/s1/_history/2",
                        "Observation/o2/_history/3",
                        null);

        List<Bundle.BundleEntryComponent> entries =
                bundle.getEntry().subList(1, bundle.getEntry().size());
        assertThat(entries)
                .extracting(Bundle.BundleEntryComponent::getFullUrl)
                .containsExactly(BASE + "/Observation/o1", BASE + "/ResearchSubject/s1", BASE + "/Observation/o2");
        assertThat(entries)
                .extracting(
                        e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl())
                .containsExactly("POST Observation", "PUT ResearchSubject/s1", "DELETE Observation/o2");
        assertThat(entries.get(0).getResource().getMeta().getTag())
                .extracting(t -> t.getCode())
                .contains(MASKED);
        assertThat(entries.get(1).getResource().getIdElement().getVersionIdPart())
                .isEqualTo("2");
        assertThat(entries.get(2).hasResource()).as("a delete has no resource").isFalse();
        assertThat(read).extracting(Change::id).containsExactly("o1", "s1");
        assertThat(maskedFor).extracting(Caller::clientId).containsOnly("demo-registry");
        assertThat(maskedFor).extracting(Caller::role).containsOnly(Role.REGISTRY);
    }

    @Test
    void idOnlyHasFocusesAndEntriesWithoutResources() {
        Bundle bundle = builder.notification(subscription("id-only"), "event-notification", EVENTS);

        assertThat(bundle.getEntry()).hasSize(4);
        assertThat(bundle.getEntry().subList(1, 4)).noneMatch(Bundle.BundleEntryComponent::hasResource);
        assertThat(bundle.getEntry().subList(1, 4)).allMatch(Bundle.BundleEntryComponent::hasRequest);
        assertThat(notificationEvents((Parameters) bundle.getEntryFirstRep().getResource()))
                .extracting(e -> part(e, "focus"))
                .containsExactly(
                        "Observation/o1/_history/1",
                        "ResearchSubject/s1/_history/2",
                        "Observation/o2/_history/3",
                        null);
        assertThat(read).isEmpty();
    }

    @Test
    void emptyHasEventNumbersOnly() {
        Bundle bundle = builder.notification(subscription("empty"), "event-notification", EVENTS);

        assertThat(bundle.getEntry()).hasSize(1);
        List<ParametersParameterComponent> notified =
                notificationEvents((Parameters) bundle.getEntryFirstRep().getResource());
        assertThat(notified).extracting(e -> part(e, "event-number")).containsExactly("1", "2", "3", "4");
        assertThat(notified).extracting(e -> part(e, "focus")).containsOnlyNulls();
    }

    @Test
    void aHandshakeHasNoEventsAndStatusQueriesAreSearchsets() {
        Bundle handshake = builder.notification(subscription("full-resource"), "handshake", List.of());
        assertThat(handshake.getEntry()).hasSize(1);
        Parameters status = (Parameters) handshake.getEntryFirstRep().getResource();
        assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("handshake");
        assertThat(notificationEvents(status)).isEmpty();

        Bundle query = builder.queryStatus(subscription("id-only"));
        assertThat(query.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(query.getEntry()).hasSize(1);
        assertThat(((Parameters) query.getEntryFirstRep().getResource())
                        .getParameter("type")
                        .getValue()
                        .primitiveValue())
                .isEqualTo("query-status");

        Bundle events = builder.queryEvents(subscription("id-only"), EVENTS.subList(0, 1), "full-resource");
        assertThat(events.getType()).isEqualTo(Bundle.BundleType.HISTORY);
        assertThat(events.getEntry().get(1).hasResource()).isTrue();
    }

    @Test
    void theOwnerIsRebuiltFromTheRow() {
        Caller owner = NotificationBuilder.owner(subscription("empty"));
        assertThat(owner.clientId()).isEqualTo("demo-registry");
        assertThat(owner.role()).isEqualTo(Role.REGISTRY);
        assertThat(owner.scopes()).hasSize(2);
        assertThat(NotificationBuilder.owner(withRole("no-such-role"))).isNull();
        Bundle nothing = builder.notification(withRole(null), "event-notification", EVENTS);
        assertThat(nothing.getEntry()).as("no known owner, nothing readable").hasSize(1);
    }

    private static Claim subscription(String content) {
        return claim(content, "registry");
    }

    private static Claim withRole(String role) {
        return claim("full-resource", role);
    }

    private static Claim claim(String content, String role) {
        return new Claim(
                "registry-outcomes",
                "demo-registry",
                role,
                "system/Observation.rs  system/ResearchSubject.rs openid system/Bad.xyz",
                TOPIC,
                content,
                "active",
                "https://registry.example.org/hook",
                List.of(),
                null,
                null,
                null,
                7,
                0,
                false,
                null,
                0,
                null,
                null,
                1);
    }

    private static SyncEvent event(long number, String type, String id, String version, String interaction) {
        return new SyncEvent(
                number,
                Instant.parse("2026-12-06T08:00:00Z").plusSeconds(number),
                new Change(type, id, version, interaction));
    }

    private static List<ParametersParameterComponent> notificationEvents(Parameters status) {
        return status.getParameter().stream()
                .filter(p -> "notification-event".equals(p.getName()))
                .toList();
    }

    private static String part(ParametersParameterComponent event, String name) {
        return event.getPart().stream()
                .filter(p -> name.equals(p.getName()))
                .flatMap(p -> Stream.of(
                        p.getValue() instanceof Reference reference
                                ? reference.getReference()
                                : p.getValue().primitiveValue()))
                .findFirst()
                .orElse(null);
    }
}
