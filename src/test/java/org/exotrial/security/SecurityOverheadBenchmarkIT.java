package org.exotrial.security;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.security.authorization.KeyStore;
import org.exotrial.support.ServerProcess;
import org.exotrial.token.TokenClient;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What authentication and blinding cost on reads and searches: the same requests against the packaged server with
 * security off (no token), as the statistician (token checked, scopes enforced, nothing masked) and as the blinded
 * analyst (the same plus masking). Both servers run at once and the three callers take turns request by request, so
 * background load falls on all alike. Medians and p95 in ms; writes target/security-overhead.md. Command: see
 * docs/benchmarks.md.
 */
@Tag("benchmark")
class SecurityOverheadBenchmarkIT {

    private static final int WARMUP = 200;
    private static final int ROUNDS = 500;
    private static final Map<String, String> REQUESTS = Map.of(
            "read ResearchSubject", "/ResearchSubject/{ResearchSubject}",
            "search ResearchSubject (20, by study)", "/ResearchSubject?study=ResearchStudy/lar-exosome-trial&_count=20",
            "read administration", "/Procedure/{Procedure}");
    /**
     * What the {@code {Type}} placeholders stand for: demo participant GEN2026-000000 (the LAR trial's placebo arm),
     * whose subject and administration each server finds by business identifier (it assigns the ids itself).
     */
    private static final Map<String, String> DEMO_KEYS = Map.of(
            "ResearchSubject", "https://exotrial.org/fhir/sid/subject-number|LAR-GEN2026-000000",
            "Procedure", "https://exotrial.org/fhir/sid/resource|GEN2026-000000-administration");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void measure() throws Exception {
        Path secureData = Files.createTempDirectory("exotrial-bench-secure-");
        try (ServerProcess open = ServerProcess.start(
                        Files.createTempDirectory("exotrial-bench-open-"),
                        Map.of("EXOTRIAL_DEMO_ENABLED", "true", "EXOTRIAL_SECURITY_ENABLED", "false"));
                ServerProcess secure = ServerProcess.start(secureData, Map.of("EXOTRIAL_DEMO_ENABLED", "true"))) {
            Map<String, Target> callers = new LinkedHashMap<>();
            callers.put("security off", new Target(open.baseUrl(), null));
            callers.put(
                    "statistician (token, scopes)",
                    new Target(secure.baseUrl(), token(secure, secureData, Role.STATISTICIAN)));
            callers.put(
                    "analyst (token, scopes, blinding)",
                    new Target(secure.baseUrl(), token(secure, secureData, Role.ANALYST)));
            StringBuilder table = new StringBuilder("| request | caller | median ms | p95 ms |\n|---|---|---|---|\n");
            for (var request : REQUESTS.entrySet()) {
                Map<String, HttpRequest> built = new LinkedHashMap<>();
                for (var caller : callers.entrySet()) {
                    built.put(
                            caller.getKey(), caller.getValue().request(resolve(caller.getValue(), request.getValue())));
                }
                for (HttpRequest each : built.values()) {
                    awaitDemoData(each);
                }
                Map<String, List<Double>> millis = new LinkedHashMap<>();
                built.keySet().forEach(name -> millis.put(name, new ArrayList<>()));
                for (int round = 0; round < WARMUP + ROUNDS; round++) {
                    for (var caller : built.entrySet()) {
                        long start = System.nanoTime();
                        check(http.send(caller.getValue(), HttpResponse.BodyHandlers.ofString()));
                        if (round >= WARMUP) {
                            millis.get(caller.getKey()).add((System.nanoTime() - start) / 1e6);
                        }
                    }
                }
                millis.forEach((name, values) -> {
                    List<Double> sorted = values.stream().sorted().toList();
                    table.append(String.format(
                            "| %s | %s | %.2f | %.2f |%n",
                            request.getKey(),
                            name,
                            sorted.get(sorted.size() / 2),
                            sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1)));
                });
            }
            String report = "Security overhead: " + ROUNDS + " requests per caller after " + WARMUP
                    + " warm-up, callers interleaved, " + Instant.now() + "\n\n" + table;
            Files.writeString(Path.of("target", "security-overhead.md"), report);
            System.out.println(report);
        }
    }

    private record Target(String base, String token) {
        HttpRequest request(String path) {
            HttpRequest.Builder builder =
                    HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return builder.build();
        }
    }

    /** The path with its {@code {Type}} placeholder, if any, replaced by the id the target gave that demo resource. */
    private String resolve(Target target, String path) throws Exception {
        for (var key : DEMO_KEYS.entrySet()) {
            String placeholder = "{" + key.getKey() + "}";
            if (!path.contains(placeholder)) {
                continue;
            }
            String search = "/" + key.getKey() + "?identifier="
                    + URLEncoder.encode(key.getValue(), StandardCharsets.UTF_8) + "&_elements=id";
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (true) {
                HttpResponse<String> response = http.send(target.request(search), HttpResponse.BodyHandlers.ofString());
                check(response);
                Bundle found = FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, response.body());
                if (found.hasEntry()) {
                    return path.replace(
                            placeholder,
                            found.getEntryFirstRep()
                                    .getResource()
                                    .getIdElement()
                                    .getIdPart());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("demo data not loaded within 5 minutes");
                }
                Thread.sleep(1000);
            }
        }
        return path;
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

    /** The servers are started with 30-minute tokens, enough for the whole run. */
    private static String token(ServerProcess server, Path dataDir, Role role) throws Exception {
        String scope = DemoClients.scope(role);
        return new TokenClient(URI.create(server.baseUrl()))
                .accessToken(
                        DemoClients.clientId(role), KeyStore.read(KeyStore.demoClientKeyFile(dataDir, role)), scope);
    }
}
