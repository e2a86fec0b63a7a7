package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerProcess;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delivery across the failures an operator meets, with the packaged server in processes of its own: a {@code kill -9}
 * between an event's commit and its delivery, and one of two servers on one PostgreSQL killed mid-stream.
 */
@Tag("integration")
class SyncFailoverIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    private static final String OUTCOMES = "https://exotrial.org/fhir/SubscriptionTopic/outcome-recorded";
    private static final Duration DELIVERED_WITHIN = Duration.ofSeconds(90);

    /** Short back-off and lease, so that the test waits seconds where production waits minutes. */
    private static final List<String> FAST_DELIVERY = List.of(
            "--exotrial.subscriptions.allowed-hosts=127.0.0.1",
            "--exotrial.subscriptions.delivery.backoff-base=PT0.2S",
            "--exotrial.subscriptions.delivery.backoff-max=PT1S",
            "--exotrial.subscriptions.delivery.lease=PT5S");

    private static final List<String> DEMO = List.of("--exotrial.demo.enabled=true", "--exotrial.demo.cohort-size=2");

    @TempDir
    Path dataDir;

    @TempDir
    Path secondDataDir;

    @Test
    void anEventCommittedBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        try (Receiver receiver = new Receiver()) {
            List<String> args = concat(DEMO, FAST_DELIVERY);
            ServerProcess server = ServerProcess.start(dataDir, Map.of(), List.of("-Xmx768m"), args);
            List<String> recorded = new ArrayList<>();
            try {
                awaitDemoData(server); // its outcomes would be events too, before and after the restart
                subscribe(server, receiver);
                receiver.answer(503); // the registry goes down; events wait in the database
                for (int i = 0; i < 3; i++) {
                    recorded.add(recordOutcome(server, "kill-" + i));
                }
                receiver.await(
                        n -> n.type().equals("event-notification") && n.answered() == 503,
                        DELIVERED_WITHIN,
                        "refused event notification before the kill");
                server.kill();
            } finally {
                server.close();
            }
            receiver.answer(200);
            try (ServerProcess restarted = ServerProcess.start(dataDir, Map.of(), List.of("-Xmx768m"), args)) {
                assertThat(awaitAccepted(receiver, 3)).containsExactly(1L, 2L, 3L);
                List<String> focuses = receiver.accepted().stream()
                        .flatMap(notification -> notification.focuses().stream())
                        .toList();
                assertThat(recorded)
                        .allSatisfy(id -> assertThat(focuses).anyMatch(focus -> focus.contains(id + "/_history/")));
            }
        }
    }

    @Test
    void twoServersOnOneDatabaseDeliverEveryEventWhenOneIsKilled() throws Exception {
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().start();
                Receiver receiver = new Receiver()) {
            try (Connection c = database.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE USER exotrial WITH PASSWORD 's3cret'");
                c.createStatement().execute("CREATE DATABASE trialdb OWNER exotrial");
            }
            Map<String, String> env = Map.of(
                    "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + database.getPort() + "/trialdb",
                    "SPRING_DATASOURCE_USERNAME", "exotrial",
                    "SPRING_DATASOURCE_PASSWORD", "s3cret");
            ServerProcess first = ServerProcess.start(dataDir, env, List.of("-Xmx768m"), concat(DEMO, FAST_DELIVERY));
            awaitDemoData(first);
            try (ServerProcess second = ServerProcess.start(secondDataDir, env, List.of("-Xmx768m"), FAST_DELIVERY)) {
                subscribe(first, receiver);
                for (int i = 0; i < 6; i++) {
                    recordOutcome(i % 2 == 0 ? first : second, "two-nodes-" + i);
                }
                first.kill(); // whatever it had claimed is the second's once its lease ends
                for (int i = 6; i < 12; i++) {
                    recordOutcome(second, "two-nodes-" + i);
                }
                assertThat(new TreeSet<>(awaitAccepted(receiver, 12)))
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 12)
                                .boxed()
                                .toList());
            } finally {
                first.close();
            }
        }
    }

    /** The distinct event numbers accepted so far, in the order of their first acceptance, once there are {@code n}. */
    private static List<Long> awaitAccepted(Receiver receiver, int n) {
        long deadline = System.nanoTime() + DELIVERED_WITHIN.toNanos();
        List<Long> distinct = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            distinct = receiver.accepted().stream()
                    .filter(notification -> notification.type().equals("event-notification"))
                    .flatMap(notification -> notification.eventNumbers().stream())
                    .distinct()
                    .toList();
            if (distinct.size() >= n) {
                return distinct;
            }
            Receiver.sleep(100);
        }
        throw new AssertionError("only " + distinct + " of " + n + " events delivered within " + DELIVERED_WITHIN);
    }

    /** The registry subscribes to outcomes, id-only; returns once the handshake made it active. */
    private static void subscribe(ServerProcess server, Receiver receiver) throws Exception {
        Subscription subscription = new Subscription();
        subscription.getMeta().addProfile(BACKPORT + "backport-subscription");
        subscription.setStatus(Subscription.SubscriptionStatus.REQUESTED);
        subscription.setReason("failover test");
        subscription.setCriteria(OUTCOMES);
        subscription
                .getChannel()
                .setType(Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint(receiver.endpoint())
                .setPayload("application/fhir+json")
                .getPayloadElement()
                .addExtension(new Extension(BACKPORT + "backport-payload-content", new CodeType("id-only")));
        HttpResponse<String> created = send(server, Role.REGISTRY, "POST", "/Subscription", subscription);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        receiver.await(n -> n.type().equals("handshake") && n.answered() == 200, DELIVERED_WITHIN, "handshake");
    }

    private static void awaitDemoData(ServerProcess server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!server.log().contains("Demo data loaded")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("demo data not loaded within 3 minutes");
            }
            Thread.sleep(200);
        }
    }

    /**
     * A copy of a demo outcome of the LAR trial, recorded as the EHR would: an event of the outcome topic. Returns its
     * {@code Observation/id}.
     */
    private static String recordOutcome(ServerProcess server, String identifier) throws Exception {
        HttpResponse<String> found = send(
                server, Role.ADMIN, "GET", "/Observation?trial-study=ResearchStudy/lar-exosome-trial&_count=1", null);
        Observation outcome = (Observation) FHIR.newJsonParser()
                .parseResource(Bundle.class, found.body())
                .getEntryFirstRep()
                .getResource();
        outcome.setId((String) null);
        outcome.setMeta(null);
        outcome.getIdentifierFirstRep().setValue(identifier + "-" + System.nanoTime());
        HttpResponse<String> created = send(server, Role.EHR, "POST", "/Observation", outcome);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return FHIR.newJsonParser()
                .parseResource(Observation.class, created.body())
                .getIdElement()
                .toUnqualifiedVersionless()
                .getValue();
    }

    private static HttpResponse<String> send(
            ServerProcess server, Role role, String method, String path, org.hl7.fhir.r4.model.Resource body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + server.token(role))
                .header("Accept", "application/fhir+json")
                .timeout(Duration.ofSeconds(60));
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/fhir+json")
                    .method(
                            method,
                            HttpRequest.BodyPublishers.ofString(
                                    FHIR.newJsonParser().encodeResourceToString(body)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
