package org.exotrial.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's end of the sync phase: an HTTP endpoint on 127.0.0.1 (random port) that takes every notification the
 * benchmarked server posts and records, per notified event, its arrival time, the time the event happened and its
 * focus. Server and receiver share the machine, hence the clock. Only event notifications count; handshakes and
 * heartbeats are answered and passed over.
 */
final class SyncReceiver implements AutoCloseable {

    /** When an event happened, as the notification tells it. */
    enum EventClock {
        /**
         * The notification event's {@code timestamp}: ExoTrial takes it just before the writing transaction commits.
         */
        EVENT_TIMESTAMP,
        /**
         * The focus resource's {@code meta.lastUpdated}, from the full resource in the notification: HAPI's R4 event
         * {@code timestamp} is a date (day precision) taken when the notification is built, so it cannot serve. HAPI
         * sets {@code lastUpdated} when the write starts, before its transaction commits: a few milliseconds in
         * HAPI's disfavour beside a 5-second poll.
         */
        FOCUS_LAST_UPDATED
    }

    /**
     * What was notified: distinct events, event numbers seen more than once, and the latencies. An event is its number
     * with its focus: a redelivery repeats both; HAPI may give two events one number (its counter is read apart from
     * its increment), and ExoTrial leaves out a focus its owner may not read but keeps the event.
     */
    record Received(int delivered, int duplicates, int unmeasured, List<Long> latencyNanos) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ANSWER =
            "{\"resourceType\":\"Bundle\",\"type\":\"transaction-response\"}".getBytes(StandardCharsets.UTF_8);
    /** "Observation/123" out of a relative, absolute or versioned reference. */
    private static final Pattern FOCUS = Pattern.compile("([A-Z][A-Za-z]+/[A-Za-z0-9.-]+)(/_history/[^/]+)?$");

    private final EventClock clock;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Set<String> events = new HashSet<>();
    private final Set<String> eventNumbers = new HashSet<>();
    private final List<Long> latencies = new ArrayList<>();
    private int duplicates;
    private int unmeasured;
    private final List<String> failures = new ArrayList<>();

    private SyncReceiver(EventClock clock) throws IOException {
        this.clock = clock;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.createContext("/", this::handle);
        http.setExecutor(threads);
        http.start();
    }

    static SyncReceiver start(EventClock clock) throws IOException {
        return new SyncReceiver(clock);
    }

    /** The subscription's endpoint. */
    String endpoint() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/notify";
    }

    synchronized int delivered() {
        return events.size();
    }

    synchronized Received received() {
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Notifications the receiver could not read: " + failures);
        }
        return new Received(events.size(), duplicates, unmeasured, List.copyOf(latencies));
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        try (exchange;
                InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readAllBytes();
            // Answered first: the server's delivery thread should not wait for the bookkeeping. HAPI posts a topic
            // notification as a transaction and takes an answer without a FHIR body as a failed delivery.
            exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
            exchange.sendResponseHeaders(200, ANSWER.length);
            exchange.getResponseBody().write(ANSWER);
            if (bytes.length > 0) {
                record(arrived, JSON.readTree(bytes));
            }
        } catch (RuntimeException | IOException e) {
            synchronized (this) {
                failures.add(e.toString());
            }
        }
    }

    /** One notification Bundle: its first entry the subscription status (R4 backport Parameters), then resources. */
    private void record(Instant arrived, JsonNode bundle) {
        JsonNode status = bundle.path("entry").path(0).path("resource");
        if (!"Parameters".equals(status.path("resourceType").asText())
                || !"event-notification"
                        .equals(value(
                                parameters(status, "type").stream().findFirst().orElse(JSON.nullNode())))) {
            return;
        }
        Map<String, Instant> lastUpdated = new HashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode resource = entry.path("resource");
            String updated = resource.path("meta").path("lastUpdated").asText("");
            if (!updated.isEmpty()) {
                lastUpdated.put(
                        resource.path("resourceType").asText() + "/"
                                + resource.path("id").asText(),
                        instant(updated));
            }
        }
        for (JsonNode event : parameters(status, "notification-event")) {
            String number = null;
            String focus = null;
            Instant timestamp = null;
            for (JsonNode part : event.path("part")) {
                switch (part.path("name").asText()) {
                    case "event-number" -> number = value(part);
                    case "focus" -> focus =
                            focus(part.path("valueReference").path("reference").asText());
                    case "timestamp" -> timestamp = clock == EventClock.EVENT_TIMESTAMP ? instant(value(part)) : null;
                    default -> {}
                }
            }
            Instant happened = clock == EventClock.EVENT_TIMESTAMP ? timestamp : lastUpdated.get(focus);
            synchronized (this) {
                if (number != null && !eventNumbers.add(number)) {
                    duplicates++;
                }
                if (events.add(number + " " + focus)) {
                    if (happened == null) {
                        unmeasured++;
                    } else {
                        latencies.add(Duration.between(happened, arrived).toNanos());
                    }
                }
            }
        }
    }

    private static List<JsonNode> parameters(JsonNode parameters, String name) {
        List<JsonNode> found = new ArrayList<>();
        parameters.path("parameter").forEach(p -> {
            if (name.equals(p.path("name").asText())) {
                found.add(p);
            }
        });
        return found;
    }

    /** A parameter's primitive value, whatever its type ({@code valueString}, {@code valueInstant}, ...). */
    private static String value(JsonNode parameter) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) parameter::fields) {
            if (field.getKey().startsWith("value") && field.getValue().isValueNode()) {
                return field.getValue().asText();
            }
        }
        return null;
    }

    private static String focus(String reference) {
        Matcher matcher = FOCUS.matcher(reference);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** An instant; a date without a time (HAPI's R4 event timestamp) is no instant and gives null. */
    private static Instant instant(String text) {
        return text == null || !text.contains("T")
                ? null
                : OffsetDateTime.parse(text).toInstant();
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
