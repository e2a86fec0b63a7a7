package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;

/**
 * A registry's rest-hook endpoint for tests: a JDK HTTP server on 127.0.0.1 (random port) that records every
 * notification it is sent and answers with the status the test sets (200, or 503 to play a receiver that is down).
 */
final class Receiver implements AutoCloseable {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private volatile int answer = 200;
    private volatile CountDownLatch gate;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int status = answer;
            received.add(new Notification(
                    status,
                    Map.copyOf(exchange.getRequestHeaders()),
                    body,
                    FHIR.newJsonParser().parseResource(Bundle.class, body)));
            CountDownLatch held = gate;
            if (held != null) {
                try {
                    held.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The status every following notification is answered with. */
    void answer(int status) {
        this.answer = status;
    }

    /** Keeps every following notification waiting for its answer until {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        CountDownLatch held = gate;
        gate = null;
        if (held != null) {
            held.countDown();
        }
    }

    /** Everything received so far, in arrival order, answered or refused. */
    List<Notification> received() {
        return List.copyOf(received);
    }

    /** The notifications answered 2xx, in arrival order: what the server may count as delivered. */
    List<Notification> accepted() {
        return received.stream().filter(n -> n.answered() / 100 == 2).toList();
    }

    /** Waits for the first notification (in arrival order) that matches, failing after {@code timeout}. */
    Notification await(Predicate<Notification> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Notification notification : received) {
                if (wanted.test(notification)) {
                    return notification;
                }
            }
            sleep(50);
        }
        throw new AssertionError("no " + what + " within " + timeout + "; received "
                + received.stream()
                        .map(n -> n.type() + n.eventNumbers() + " answered " + n.answered())
                        .toList());
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One request the receiver got, with the status it answered. */
    record Notification(int answered, Map<String, List<String>> headers, String body, Bundle bundle) {

        Parameters status() {
            return (Parameters) bundle.getEntryFirstRep().getResource();
        }

        String type() {
            return status().getParameter("type").getValue().primitiveValue();
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        List<Long> eventNumbers() {
            return events().stream()
                    .map(e -> Long.parseLong(part(e, "event-number")))
                    .toList();
        }

        /** The focus references of the events, in order (null for an event without one). */
        List<String> focuses() {
            return events().stream().map(e -> part(e, "focus")).toList();
        }

        private List<Parameters.ParametersParameterComponent> events() {
            return status().getParameter().stream()
                    .filter(p -> "notification-event".equals(p.getName()))
                    .toList();
        }

        private static String part(Parameters.ParametersParameterComponent event, String name) {
            return event.getPart().stream()
                    .filter(p -> name.equals(p.getName()))
                    .map(p -> p.getValue() instanceof Reference r
                            ? r.getReference()
                            : p.getValue().primitiveValue())
                    .findFirst()
                    .orElse(null);
        }
    }
}
