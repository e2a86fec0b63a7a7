package org.exotrial.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A server stopped while the demo cohort loads (Ctrl-C on {@code mvn spring-boot:run}) shuts down cleanly, and the next
 * start loads the rest: every generated participant once, none half-written. A server process of its own, since the
 * test stops it.
 */
@Tag("integration")
class DemoShutdownIT {

    /** Long enough to load (five to seven participants a second here) that a stop a second in comes halfway. */
    private static final int COHORT = 60;

    private static final List<String> DEMO =
            List.of("--exotrial.demo.enabled=true", "--exotrial.demo.cohort-size=" + COHORT);

    @TempDir
    Path dataDir;

    @Test
    void aStopDuringTheDemoLoadEndsCleanlyAndTheNextStartLoadsTheRest() throws Exception {
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of(), List.of("-Xmx768m"), DEMO)) {
            awaitLog(server, "Demo data: ");
            Thread.sleep(1_000); // into the cohort
            server.stop();
            assertThat(server.log())
                    .contains("Demo cohort: stopped after")
                    .doesNotContain(" ERROR ")
                    .doesNotContain("Application run failed")
                    .doesNotContain("Session/EntityManager is closed")
                    .doesNotContain("Could not stop postmaster");
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("PostgreSQL stopped cleanly")
                .doesNotExist();

        try (ServerProcess server = ServerProcess.start(dataDir, Map.of(), List.of("-Xmx768m"), DEMO)) {
            awaitLog(server, "Demo cohort: " + COHORT + " generated participants");
            StoredCohort.assertEveryParticipantStoredWhole(server.client(), COHORT);
        }
    }

    private static void awaitLog(ServerProcess server, String line) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!server.log().contains(line)) {
            assertThat(Instant.now()).as("log line '%s' within 3 minutes", line).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
