package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.support.ServerIT;
import org.exotrial.sync.Receiver.Notification;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Delivery end to end: subscriptions on the shared server, a real HTTP receiver, real writes. The test server's retry
 * window is short (ServerIT: 8 s, back-off 0.1 s to 1 s) so that "error" is reached within a test.
 */
class DeliveryIT extends ServerIT {

    private static final Duration SOON = Duration.ofSeconds(20);

    @Autowired
    SyncStore store;

    @Autowired
    DataSource dataSource;

    @Autowired
    DeliveryStore deliveries;

    private TestSubscriptions subscriptions;
    private final List<Receiver> receivers = new ArrayList<>();
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void setUp() {
        subscriptions = new TestSubscriptions(fhir(Role.REGISTRY), fhir(Role.ADMIN));
    }

    @AfterEach
    void tearDown() {
        receivers.forEach(Receiver::close);
        created.forEach(id -> fhir().delete().resourceById(new IdType(id)).execute());
    }

    @Test
    void aHandshakeActivatesTheSubscriptionAndOutcomesArriveWithThePayloadTheContentAsks() throws Exception {
        Map<String, Receiver> byContent = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        for (String content : List.of("empty", "id-only", "full-resource")) {
            Receiver receiver = receiver();
            byContent.put(content, receiver);
            ids.put(
                    content,
                    subscriptions.create(
                            "outcome-recorded",
                            content,
                            receiver.endpoint(),
                            List.of("X-Registry-Key: key-" + content),
                            null));
        }
        for (String content : byContent.keySet()) {
            Notification handshake = byContent.get(content).await(n -> "handshake".equals(n.type()), SOON, "handshake");
            assertThat(handshake.header("X-Registry-Key")).isEqualTo("key-" + content);
            assertThat(handshake.header("Content-Type")).startsWith("application/fhir+json");
            assertThat(handshake.eventNumbers()).isEmpty();
            awaitStatus(ids.get(content), Subscription.SubscriptionStatus.ACTIVE, Role.REGISTRY);
        }

        String outcome = createOutcome();
        String focus = "Observation/" + outcome + "/_history/1";
        for (String content : byContent.keySet()) {
            Notification notification = byContent
                    .get(content)
                    .await(n -> n.type().equals("event-notification"), SOON, content + " notification");
            assertThat(notification.header("X-Registry-Key")).isEqualTo("key-" + content);
            assertThat(notification.bundle().getType()).isEqualTo(Bundle.BundleType.HISTORY);
            assertThat(notification.eventNumbers()).containsExactly(1L);
            assertThat(notification
                            .status()
                            .getParameter("events-since-subscription-start")
                            .getValue()
                            .primitiveValue())
                    .isEqualTo("1");
            List<Bundle.BundleEntryComponent> entries = notification
                    .bundle()
                    .getEntry()
                    .subList(1, notification.bundle().getEntry().size());
            switch (content) {
                case "empty" -> {
                    assertThat(notification.focuses()).containsOnlyNulls();
                    assertThat(entries).isEmpty();
                }
                case "id-only" -> {
                    assertThat(notification.focuses()).containsExactly(focus);
                    assertThat(entries).hasSize(1);
                    assertThat(entries.get(0).getFullUrl()).endsWith("/Observation/" + outcome);
                    assertThat(entries.get(0).getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                    assertThat(entries.get(0).hasResource()).isFalse();
                }
                default -> {
                    assertThat(notification.focuses()).containsExactly(focus);
                    assertThat(entries).hasSize(1);
                    assertThat(entries.get(0).getResource()).isInstanceOf(Observation.class);
                    assertThat(entries.get(0).getResource().getIdElement().getIdPart())
                            .isEqualTo(outcome);
                }
            }
        }

        // One AuditEvent per attempt, naming the owner and the subscription, never the payload.
        String subscription = "Subscription/" + ids.get("full-resource");
        List<AuditEvent> audited = eventually(
                () -> auditEvents("AuditEvent?entity=" + subscription).stream()
                        .filter(event -> "110106".equals(event.getType().getCode()))
                        .toList(),
                events -> events.size() >= 2,
                "audit");
        assertThat(audited).allSatisfy(event -> {
            assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
            assertThat(event.getAgent())
                    .anyMatch(agent -> DemoClients.clientId(Role.REGISTRY).equals(agent.getAltId()));
            assertThat(event.getEntity())
                    .noneMatch(entity -> entity.getWhat().getReference() != null
                            && entity.getWhat().getReference().startsWith("Observation"));
        });
    }

    @Test
    void anEnrolmentInAMaskedTrialReachesABlindedRegistryWithoutTheArm() throws Exception {
        Receiver receiver = receiver();
        String id = subscriptions.create("subject-enrolment", "full-resource", receiver.endpoint(), List.of(), null);
        receiver.await(n -> "handshake".equals(n.type()), SOON, "handshake");

        String subject = enrolInMaskedTrialCopy();
        Notification notification = receiver.await(
                n -> n.focuses().stream().anyMatch(f -> f != null && f.startsWith("ResearchSubject/" + subject + "/")),
                SOON,
                "the enrolment");

        ResearchSubject shown = notification.bundle().getEntry().stream()
                .filter(e -> e.getResource() instanceof ResearchSubject s
                        && s.getIdElement().getIdPart().equals(subject))
                .map(e -> (ResearchSubject) e.getResource())
                .findFirst()
                .orElseThrow();
        assertThat(shown.hasAssignedArm()).isFalse();
        for (String marker : List.of(
                "assignedArm",
                "actualArm",
                "\"Placebo\"",
                "\"Exosome\"",
                "exotrial-msc-product-type",
                "exotrial-particle-dose",
                "exotrial-lot-number",
                "exotrial-dose-number",
                "exotrial-source-tissue")) {
            assertThat(notification.body()).as("leaks " + marker).doesNotContain(marker);
        }
        assertThat(id).isNotBlank();
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventInOrderWhenItIsBack() throws Exception {
        Receiver receiver = receiver();
        String id = subscriptions.create("outcome-recorded", "id-only", receiver.endpoint(), List.of(), null);
        receiver.await(n -> "handshake".equals(n.type()), SOON, "handshake");
        awaitStatus(id, Subscription.SubscriptionStatus.ACTIVE, Role.REGISTRY);

        receiver.answer(503);
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            outcomes.add(createOutcome());
        }
        receiver.await(n -> n.answered() == 503 && !n.eventNumbers().isEmpty(), SOON, "a refused notification");
        Thread.sleep(2_000); // several retries, well inside the 8 s window
        receiver.answer(200);

        long last = store.lastEventNumber(id);
        eventually(
                () -> receiver.accepted().stream()
                        .flatMap(n -> n.eventNumbers().stream())
                        .toList(),
                numbers -> numbers.contains(last),
                "every event accepted");
        assertDeliveredInOrder(receiver, last);
        List<String> delivered =
                receiver.accepted().stream().flatMap(n -> n.focuses().stream()).toList();
        for (String outcome : outcomes) {
            assertThat(delivered).contains("Observation/" + outcome + "/_history/1");
        }
    }

    @Test
    void pastTheRetryWindowTheOwnerSeesTheErrorFetchesTheEventsAndReRequests() throws Exception {
        Receiver receiver = receiver();
        String id = subscriptions.create("outcome-recorded", "id-only", receiver.endpoint(), List.of(), null);
        receiver.await(n -> "handshake".equals(n.type()), SOON, "handshake");
        awaitStatus(id, Subscription.SubscriptionStatus.ACTIVE, Role.REGISTRY);

        receiver.answer(503);
        String first = createOutcome();
        String second = createOutcome();
        Subscription inError = awaitStatus(id, Subscription.SubscriptionStatus.ERROR, Role.REGISTRY);
        assertThat(inError.getError()).contains("HTTP 503").contains("retry window");

        Parameters status = statusOf(id, Role.REGISTRY);
        assertThat(status.getParameter("status").getValue().primitiveValue()).isEqualTo("error");
        assertThat(status.getParameter("type").getValue().primitiveValue()).isEqualTo("query-status");

        HttpResponse<String> events = send(
                request("/Subscription/" + id + "/$events?eventsSinceNumber=1&content=full-resource", Role.REGISTRY)
                        .GET());
        assertThat(events.statusCode()).isEqualTo(200);
        Bundle missed = FHIR.newJsonParser().parseResource(Bundle.class, events.body());
        Parameters eventsStatus = (Parameters) missed.getEntryFirstRep().getResource();
        assertThat(eventsStatus.getParameter("type").getValue().primitiveValue())
                .isEqualTo("query-event");
        assertThat(missed.getEntry())
                .extracting(e -> e.getResource() == null
                        ? null
                        : e.getResource().getIdElement().getIdPart())
                .contains(first, second);
        assertThat(eventsStatus.getParameter().stream()
                        .flatMap(p -> p.getPart().stream())
                        .filter(part -> "focus".equals(part.getName()))
                        .map(part -> ((org.hl7.fhir.r4.model.Reference) part.getValue()).getReference()))
                .contains("Observation/" + first + "/_history/1", "Observation/" + second + "/_history/1");

        receiver.answer(200);
        int before = receiver.received().size();
        subscriptions.rerequest(fhir(Role.REGISTRY), id);
        receiver.await(
                n -> receiver.received().indexOf(n) >= before && "handshake".equals(n.type()) && n.answered() == 200,
                SOON,
                "handshake after the re-request");
        awaitStatus(id, Subscription.SubscriptionStatus.ACTIVE, Role.REGISTRY);
        long last = store.lastEventNumber(id);
        eventually(
                () -> receiver.accepted().stream()
                        .flatMap(n -> n.eventNumbers().stream())
                        .toList(),
                numbers -> numbers.contains(last),
                "catch-up");
        assertDeliveredInOrder(receiver, last);
        assertThat(fhir(Role.REGISTRY)
                        .read()
                        .resource(Subscription.class)
                        .withId(id)
                        .execute()
                        .hasError())
                .isFalse();
    }

    @Test
    void statusAndEventsAreTheOwnersOnly() throws Exception {
        Receiver receiver = receiver();
        String mine = subscriptions.create("outcome-recorded", "id-only", receiver.endpoint(), List.of(), null);
        String theirs = subscriptions.createAsAdmin("outcome-recorded", "id-only", receiver.endpoint());

        assertThat(statusOf(mine, Role.REGISTRY).getParameter("subscription").getValue())
                .isNotNull();
        assertThat(statusOf(theirs, Role.ADMIN).getParameter("topic").getValue().primitiveValue())
                .isEqualTo(TestSubscriptions.TOPICS + "outcome-recorded");
        for (String path : List.of("/$status", "/$events")) {
            HttpResponse<String> foreign = send(
                    request("/Subscription/" + theirs + path, Role.REGISTRY).GET());
            assertThat(foreign.statusCode()).as("another registry's " + path).isIn(403, 404);
            assertThat(foreign.body()).doesNotContain("outcome-recorded");
            HttpResponse<String> analyst =
                    send(request("/Subscription/" + mine + path, Role.ANALYST).GET());
            assertThat(analyst.statusCode()).as("an analyst's " + path).isEqualTo(403);
        }
        CapabilityStatement capabilities = FHIR.newJsonParser()
                .parseResource(
                        CapabilityStatement.class,
                        send(anonymousRequest("/metadata").GET()).body());
        assertThat(capabilities.getRestFirstRep().getResource().stream()
                        .filter(resource -> "Subscription".equals(resource.getType()))
                        .flatMap(resource -> resource.getOperation().stream())
                        .map(operation -> operation.getName()))
                .contains("status", "events");
    }

    @Test
    void anIdleSubscriptionWithAHeartbeatPeriodGetsHeartbeats() throws Exception {
        Receiver receiver = receiver();
        // Admission's shortest heartbeat period: ten seconds.
        subscriptions.create("adverse-event", "empty", receiver.endpoint(), List.of(), 10);
        receiver.await(n -> "handshake".equals(n.type()), SOON, "handshake");
        Notification heartbeat = receiver.await(n -> "heartbeat".equals(n.type()), SOON.plusSeconds(15), "heartbeat");
        assertThat(heartbeat.eventNumbers()).isEmpty();
    }

    /**
     * Two nodes on one database: while this server's worker waits for a receiver, its lease keeps another node off the
     * cursor; once the lease has expired the other node takes the cursor over, and the first node's late answer
     * acknowledges nothing.
     */
    @Test
    void aLeaseIsOneNodesAndALostLeaseAcknowledgesNothing() throws Exception {
        Receiver receiver = receiver();
        receiver.hold();
        String id = subscriptions.create("outcome-recorded", "id-only", receiver.endpoint(), List.of(), null);
        receiver.await(n -> "handshake".equals(n.type()), SOON, "the handshake, held unanswered");

        assertThat(deliveries.claim("other-node", Duration.ofMinutes(1), 1000))
                .extracting(DeliveryStore.Claim::subscriptionId)
                .doesNotContain(id);
        new JdbcTemplate(dataSource)
                .update(
                        "UPDATE " + SyncStore.CURSORS + " SET lease_until = now() - interval '1 second'"
                                + " WHERE subscription_id = ?",
                        id);
        DeliveryStore.Claim takenOver = deliveries.claim("other-node", Duration.ofMinutes(1), 1000).stream()
                .filter(claim -> claim.subscriptionId().equals(id))
                .findFirst()
                .orElseThrow();

        receiver.release();
        Thread.sleep(1_000); // the first node's answer arrives and its acknowledgement finds the lease gone
        DeliveryStore.Claim state = deliveries.state(id).orElseThrow();
        assertThat(state.handshakeDue())
                .as("the first node acknowledged nothing")
                .isTrue();
        assertThat(state.leaseToken()).isEqualTo(takenOver.leaseToken());

        assertThat(deliveries.delivered(takenOver, "other-node", 0, true)).isTrue();
        assertThat(deliveries.state(id).orElseThrow().handshakeDue()).isFalse();
        assertThat(deliveries.delivered(takenOver, "other-node", 0, true))
                .as("a lease is good for one acknowledgement")
                .isFalse();
    }

    /**
     * What the receiver accepted, in arrival order, is events 1..last: each notification's numbers consecutive and
     * continuing the previous one; a number seen again (at-least-once) carries the same focus.
     */
    private static void assertDeliveredInOrder(Receiver receiver, long last) {
        long through = 0;
        for (Notification notification : receiver.accepted()) {
            List<Long> numbers = notification.eventNumbers();
            if (numbers.isEmpty()) {
                continue;
            }
            assertThat(numbers.get(0))
                    .as("first of " + numbers + " after " + through)
                    .isBetween(1L, through + 1);
            for (int i = 1; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
            }
            through = Math.max(through, numbers.get(numbers.size() - 1));
        }
        assertThat(through).isEqualTo(last);
        Map<Long, String> focusByNumber = new HashMap<>();
        for (Notification notification : receiver.received()) {
            for (int i = 0; i < notification.eventNumbers().size(); i++) {
                String focus = notification.focuses().get(i);
                String before =
                        focusByNumber.putIfAbsent(notification.eventNumbers().get(i), focus);
                assertThat(before == null || before.equals(focus))
                        .as("event " + notification.eventNumbers().get(i))
                        .isTrue();
            }
        }
    }

    private Receiver receiver() throws Exception {
        Receiver receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    private Subscription awaitStatus(String id, Subscription.SubscriptionStatus wanted, Role role) {
        IGenericClient client = fhir(role);
        return eventually(
                () -> client.read().resource(Subscription.class).withId(id).execute(),
                subscription -> subscription.getStatus() == wanted,
                "Subscription/" + id + " " + wanted.toCode());
    }

    private Parameters statusOf(String id, Role role) throws Exception {
        HttpResponse<String> response =
                send(request("/Subscription/" + id + "/$status", role).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        return (Parameters) bundle.getEntryFirstRep().getResource();
    }

    private static <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> wanted, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (wanted.test(last)) {
                return last;
            }
            Receiver.sleep(100);
        }
        throw new AssertionError("no " + what + " in time; last: " + last);
    }

    /** A copy of a demo participant's outcome, as a second recording of it: valid, and it names its study. */
    private String createOutcome() {
        IdType id = (IdType) fhir().create()
                .resource(demoOutcomeCopy("delivery-leak"))
                .execute()
                .getId();
        created.add("Observation/" + id.getIdPart());
        return id.getIdPart();
    }

    /**
     * A participant of a copy of the masked LAR trial (a copy, so the demo trial keeps its two subjects, which
     * BlindingIT counts), allocated to Placebo; returns the subject's id.
     */
    private String enrolInMaskedTrialCopy() {
        String study = unique("masked-trial").substring(0, 40);
        ResearchStudy copy = fhir().read()
                .resource(ResearchStudy.class)
                .withId("lar-exosome-trial")
                .execute();
        copy.setId(study);
        copy.getIdentifier().forEach(identifier -> identifier.setValue(identifier.getValue() + "-" + study));
        fhir().update().resource(copy).execute();
        ResearchSubject subject = fhir().read()
                .resource(ResearchSubject.class)
                .withId(demoId(demoParticipant(LAR_TRIAL, "Placebo", 0), "subject"))
                .execute();
        subject.setId(study + "-s");
        subject.setMeta(null);
        subject.getStudy().setReference("ResearchStudy/" + study);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("mrn"));
        subject.getIndividual()
                .setReference(fhir().create()
                        .resource(patient)
                        .execute()
                        .getId()
                        .toUnqualifiedVersionless()
                        .getValue());
        subject.getIdentifier().forEach(identifier -> identifier.setValue(unique("subject")));
        fhir().update().resource(subject).execute();
        assertThat(subject.getAssignedArm()).isEqualTo("Placebo");
        return study + "-s";
    }
}
