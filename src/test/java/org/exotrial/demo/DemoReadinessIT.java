package org.exotrial.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.exotrial.support.ServerProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the demo is ready: {@code /fhir/metadata} answers as soon as the web server listens, while the demo data is
 * still loading; the readiness probe says OUT_OF_SERVICE until it is all in, then UP, and the log says "Demo data
 * loaded". A server process of its own, to watch it start.
 */
@Tag("integration")
class DemoReadinessIT {

    /** Long enough to load (five to seven participants a second here) that the probe is seen before it is ready. */
    private static final int COHORT = 30;

    @TempDir
    Path dataDir;

    @Test
    void theReadinessProbeTurnsUpOnlyOnceTheDemoDataIsLoaded() throws Exception {
        try (ServerProcess server = ServerProcess.start(
                dataDir,
                Map.of(),
                List.of("-Xmx768m"),
                List.of("--exotrial.demo.enabled=true", "--exotrial.demo.cohort-size=" + COHORT))) {
            // ServerProcess.start returned on the first 200 of /fhir/metadata.
            HttpResponse<String> early = readiness(server);
            String logThen = server.log();
            assertThat(logThen).doesNotContain("Demo data loaded");
            assertThat(early.statusCode()).as(early.body()).isEqualTo(503);
            assertThat(early.body()).contains("OUT_OF_SERVICE");

            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            HttpResponse<String> ready = readiness(server);
            while (ready.statusCode() != 200) {
                assertThat(Instant.now()).as("ready within 3 minutes").isBefore(deadline);
                Thread.sleep(200);
                ready = readiness(server);
            }
            assertThat(ready.body()).contains("\"UP\"");
            assertThat(server.log())
                    .containsPattern("Demo data loaded: \\d+ guide examples and " + COHORT + " generated participants");
            StoredCohort.assertEveryParticipantStoredWhole(server.client(), COHORT);
        }
    }

    private static HttpResponse<String> readiness(ServerProcess server) throws Exception {
        String base = server.baseUrl().replaceFirst("/fhir$", "");
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
