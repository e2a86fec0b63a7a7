package org.exotrial.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.exotrial.support.ServerProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What authentication and blinding cost on reads and searches: the same requests against the packaged server with
 * security off (no token), as the statistician (token checked, scopes enforced, nothing masked) and as the blinded
 * analyst (the same plus masking). Sequential requests from one client; medians and p95 in ms. Writes
 * target/security-overhead.md. Run: see docs/benchmarks.md.
 */
@Tag("benchmark")
class SecurityOverheadBenchmarkIT {

    private static final int WARMUP = 300;
    private static final int ROUNDS = 500;
    private static final Map<String, String> REQUESTS = Map.of(
            "read ResearchSubject", "/ResearchSubject/lar-02-subject",
            "search ResearchSubject (20, by study)", "/ResearchSubject?study=ResearchStudy/lar-exosome-trial&_count=20",
            "read administration", "/Procedure/lar-02-administration");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measure() throws Exception {
        Map<String, Map<String, double[]>> results = new LinkedHashMap<>();
        try (ServerProcess open = ServerProcess.start(
                Files.createTempDirectory("exotrial-bench-open-"),
                Map.of("EXOTRIAL_DEMO_ENABLED", "true", "EXOTRIAL_SECURITY_ENABLED", "false"))) {
            results.put("security off", measureAll(open.baseUrl(), null));
        }
        Path dataDir = Files.createTempDirectory("exotrial-bench-secure-");
        try (ServerProcess secure = ServerProcess.start(dataDir, Map.of("EXOTRIAL_DEMO_ENABLED", "true"))) {
            results.put(
                    "statistician (token, scopes)",
                    measureAll(secure.baseUrl(), token(secure, dataDir, Role.STATISTICIAN)));
            results.put(
                    "analyst (token, scopes, blinding)",
                    measureAll(secure.baseUrl(), token(secure, dataDir, Role.ANALYST)));
        }
        StringBuilder table = new StringBuilder("| request | caller | median ms | p95 ms |\n|---|---|---|---|\n");
        for (String request : REQUESTS.keySet()) {
            results.forEach((caller, byRequest) -> {
                double[] stats = byRequest.get(request);
                table.append(String.format("| %s | %s | %.2f | %.2f |%n", request, caller, stats[0], stats[1]));
            });
        }
        String report = "Security overhead, " + ROUNDS + " sequential requests each after " + WARMUP + " warm-up, "
                + Instant.now() + "\n\n" + table;
        Files.writeString(Path.of("target", "security-overhead.md"), report);
        System.out.println(report);
    }

    private Map<String, double[]> measureAll(String base, String token) throws Exception {
        Map<String, double[]> byRequest = new LinkedHashMap<>();
        for (var request : REQUESTS.entrySet()) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.getValue()))
                    .timeout(Duration.ofSeconds(30));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            HttpRequest built = builder.build();
            awaitDemoData(built);
            for (int i = 0; i < WARMUP; i++) {
                check(http.send(built, HttpResponse.BodyHandlers.ofString()));
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                long start = System.nanoTime();
                check(http.send(built, HttpResponse.BodyHandlers.ofString()));
                millis.add((System.nanoTime() - start) / 1e6);
            }
            List<Double> sorted = millis.stream().sorted().collect(Collectors.toList());
            byRequest.put(request.getKey(), new double[] {
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)
            });
        }
        return byRequest;
    }

    /** The demo data is loaded after the server starts answering; wait for it. */
    private void awaitDemoData(HttpRequest request) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 404) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("demo data not loaded within 5 minutes");
            }
            Thread.sleep(1000);
        }
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
    }

    private static String token(ServerProcess server, Path dataDir, Role role) throws Exception {
        String scope = role.ceiling().stream().map(Object::toString).collect(Collectors.joining(" "));
        // Long enough for the whole run: the default lifetime is 5 minutes.
        return new TokenClient(URI.create(server.baseUrl()))
                .accessToken(
                        DemoClients.clientId(role), KeyStore.read(KeyStore.demoClientKeyFile(dataDir, role)), scope);
    }
}
