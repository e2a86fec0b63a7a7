package org.exotrial.benchmark;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.exotrial.benchmark.BenchmarkServer.Variant;
import org.exotrial.benchmark.SyncReceiver.EventClock;
import org.exotrial.security.access.Role;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;

/**
 * The sync phase (issue 31), around the four-client ingest: a registry subscribes to the outcome-recorded topic with a
 * receiver of the benchmark's own as endpoint before the ingest starts; after it, the phase waits (bounded) until every
 * matching write has been notified, and reports the notification latency (commit to receiver), how many of the
 * matching writes were notified, and event numbers notified twice.
 *
 * <p>On ExoTrial the subscription is the backport's R4 topic subscription, id-only, created as the registry. On the
 * stock configuration HAPI's own pipeline delivers ({@code exotrial.sync.hapi-stock-delivery}); it is given the same
 * topic subscription, with full resources, because HAPI's R4 event timestamp is a date and the latency is measured
 * from the focus resource's {@code lastUpdated} ({@link EventClock}).
 */
final class SyncPhase implements AutoCloseable {

    static final String TOPIC = "https://exotrial.org/fhir/SubscriptionTopic/outcome-recorded";
    /**
     * The topic's triggers (ig/input/fsh/instances/subscription-topics.fsh): a create of one of these types carrying
     * the study extension, which the guide's {@code trial-study} search parameter indexes.
     */
    static final List<String> TRIGGER_TYPES = List.of("Observation", "Procedure", "Encounter");

    private static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    private static final Duration ACTIVATION = Duration.ofSeconds(90);
    /** How long the phase waits after the ingest for the last notifications. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the phase measured. {@code matched}: the trigger types' study resources the ingest stored;
     * {@code delivered}: distinct events notified (number and focus); {@code duplicates}: notifications with an event number already
     * seen; {@code latencies} null if nothing arrived; {@code unmeasured}: notified events without a usable time.
     */
    record Result(
            String subscription,
            int matched,
            int delivered,
            int duplicates,
            int unmeasured,
            double drainSeconds,
            Latencies latencies) {

        boolean complete() {
            return delivered == matched;
        }
    }

    private final Variant variant;
    private final Api owner;
    private final Api admin;
    private final String studies;
    private final SyncReceiver receiver;
    private final Map<String, Integer> before;
    private String subscriptionId;

    private SyncPhase(BenchmarkServer server, Api admin, List<String> studies) throws Exception {
        this.variant = server.variant;
        this.owner = server.api(Role.REGISTRY);
        this.admin = admin;
        this.studies = String.join(",", studies);
        this.before = matching();
        this.receiver = SyncReceiver.start(
                variant == Variant.EXOTRIAL ? EventClock.EVENT_TIMESTAMP : EventClock.FOCUS_LAST_UPDATED);
    }

    /** Subscribes and waits until the server has activated the subscription; {@code studies}: "ResearchStudy/x". */
    static SyncPhase start(BenchmarkServer server, Api admin, List<String> studies) throws Exception {
        SyncPhase phase = new SyncPhase(server, admin, studies);
        try {
            phase.subscribe();
            return phase;
        } catch (Exception | Error e) {
            phase.close();
            throw e;
        }
    }

    private void subscribe() throws Exception {
        String created = owner.post(
                "Subscription", FhirContext.forR4Cached().newJsonParser().encodeResourceToString(subscription()));
        subscriptionId = JSON.readTree(created).path("id").asText();
        long deadline = System.nanoTime() + ACTIVATION.toNanos();
        while (!"active".equals(status())) {
            if (System.nanoTime() > deadline) {
                // Measured all the same: what it missed shows as delivered below matched.
                System.err.println(variant.label + " did not activate the sync subscription within " + ACTIVATION + ": "
                        + owner.get("Subscription/" + subscriptionId));
                return;
            }
            Thread.sleep(200);
        }
        if (variant != Variant.EXOTRIAL) {
            // HAPI registers the subscription for matching only when its own pipeline carries the activating update:
            // one more pass of its 5-second submission job.
            Thread.sleep(6_000);
        }
    }

    private String status() throws Exception {
        return JSON.readTree(owner.get("Subscription/" + subscriptionId))
                .path("status")
                .asText();
    }

    /** The backport's R4 topic subscription: profile, topic URL as criteria, rest-hook, payload content. */
    private Subscription subscription() {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile(BACKPORT + "backport-subscription");
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason("Cohort benchmark: notification latency during ingest");
        subscription.setCriteria(TOPIC);
        // HAPI refuses a topic subscription without a filter; one per trigger type, as the topic's canFilterBy offers,
        // selects exactly what the topic matches (the resources naming a study), so both servers get the same one.
        for (String type : TRIGGER_TYPES) {
            subscription
                    .getCriteriaElement()
                    .addExtension(BACKPORT + "backport-filter-criteria", new StringType(type + "?" + studyFilter()));
        }
        Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
        channel.setType(Subscription.SubscriptionChannelType.RESTHOOK);
        channel.setEndpoint(receiver.endpoint());
        channel.setPayload("application/fhir+json");
        channel.getPayloadElement().addExtension(BACKPORT + "backport-payload-content", new CodeType(content()));
        return subscription;
    }

    private String content() {
        return variant == Variant.EXOTRIAL ? "id-only" : "full-resource";
    }

    /**
     * After the ingest: waits until every matching write stored since the start was notified, or {@link #DRAIN} has
     * passed, and ends the subscription so that later phases run without it.
     */
    Result finish() throws Exception {
        Map<String, Integer> after = matching();
        int matched = TRIGGER_TYPES.stream()
                .mapToInt(type -> after.get(type) - before.get(type))
                .sum();
        long start = System.nanoTime();
        long deadline = start + DRAIN.toNanos();
        while (receiver.delivered() < matched && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double drained = (System.nanoTime() - start) / 1e9;
        owner.delete("Subscription/" + subscriptionId);
        SyncReceiver.Received received = receiver.received();
        return new Result(
                variant.label + ": R4 topic subscription (backport), " + content(),
                matched,
                received.delivered(),
                received.duplicates(),
                received.unmeasured(),
                drained,
                received.latencyNanos().isEmpty() ? null : Latencies.of(received.latencyNanos()));
    }

    /** Stored resources of the topic's trigger types that name one of the studies. */
    private Map<String, Integer> matching() throws Exception {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String type : TRIGGER_TYPES) {
            counts.put(
                    type,
                    JSON.readTree(admin.getUncached(type + "?" + studyFilter() + "&_summary=count"))
                            .path("total")
                            .asInt());
        }
        return counts;
    }

    private String studyFilter() {
        return "trial-study=" + studies;
    }

    @Override
    public void close() {
        receiver.close();
    }
}
