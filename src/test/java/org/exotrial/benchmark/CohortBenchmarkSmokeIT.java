package org.exotrial.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.exotrial.benchmark.CohortBenchmark.ServerRun;
import org.junit.jupiter.api.Test;

/**
 * The benchmark at 50 participants, in every build, so the command cannot rot: the three servers start, take the
 * cohort, store exactly what they took (ExoTrial and stock all of it), ExoTrial notifies a registry of every outcome
 * stored during the four-client ingest, ExoTrial and stock answer the analysts' queries alike and export the whole
 * cohort, ExoTrial runs the cytokines view, and the report is
 * written. Its numbers are not recorded anywhere but target/.
 */
class CohortBenchmarkSmokeIT {

    @Test
    void theBenchmarkRunsEndToEndOnFiftyParticipants() throws Exception {
        // Stock HAPI's export would wait up to a minute for each batch2 step; the smoke test checks it works, not how
        // fast.
        System.setProperty("benchmark.stock.job-interval", "PT1S");
        CohortBenchmark.Settings settings = CohortBenchmark.Settings.smoke();
        List<ServerRun> runs = new CohortBenchmark(settings).run();
        ServerRun exotrial = runs.get(0);
        ServerRun stock = runs.get(1);
        ServerRun validating = runs.get(2);

        // Both stored exactly what was sent (checked inside the run) and answered every query alike.
        assertThat(exotrial.load().stored())
                .isEqualTo(stock.load().stored())
                .containsKeys("Patient", "ResearchSubject", "Observation");
        assertThat(exotrial.load().stored().get("Patient")).isEqualTo(settings.subjects());
        assertThat(exotrial.load().answers()).isEqualTo(stock.load().answers());
        // Both exported the whole cohort (checked against their searches inside the run); ExoTrial's cytokines view
        // found every cytokine result (also checked inside), twelve per LAR participant.
        assertThat(exotrial.load().export().exported())
                .isEqualTo(stock.load().export().exported())
                .containsEntry("Patient", settings.subjects());
        assertThat(exotrial.load().export().viewRows()).isPositive();
        assertThat(stock.load().export().viewRows()).isEqualTo(-1);
        assertThat(exotrial.load().answers().values())
                .as("every query finds something")
                .allMatch(n -> n > 0);
        assertThat(exotrial.load().ingestOneClient().bundles()
                        + exotrial.load().ingestFourClients().bundles())
                .isEqualTo(settings.subjects());
        assertThat(exotrial.load().reads().requests()).isPositive();
        // The Synthea export went in whole on both (checked type by type inside the run).
        assertThat(exotrial.load().hospitalRecords().resources()).isEqualTo(1474);
        assertThat(stock.load().hospitalRecords().bundles()).isEqualTo(7);
        // HAPI's own validator took its (smaller) cohort whole: it judges it by the same profiles as ExoTrial does.
        assertThat(validating.load().ingestOneClient().refusals()).isEmpty();
        assertThat(validating.load().ingestFourClients().refusals()).isEmpty();
        assertThat(validating.load().stored().get("Patient")).isEqualTo(settings.writesOnlySubjects());
        assertThat(validating.load().queries()).isNull();
        // It refuses the Synthea export, whose bundles declare US Core profiles that are not installed; counted, not
        // measured.
        HospitalRecords.Result refused = validating.load().hospitalRecords();
        assertThat(refused.bundles() + refused.refused()).isEqualTo(7);
        assertThat(refused.refusals().keySet()).allMatch(reason -> reason.contains("us/core"));

        BenchmarkReport report = new BenchmarkReport(settings.subjects(), runs);
        Path dir = Files.createDirectories(Path.of("target", "benchmarks"));
        Files.deleteIfExists(dir.resolve("cohort-smoke.jsonl"));
        report.append(dir.resolve("cohort-smoke.jsonl"), dir.resolve("cohort-smoke.md"));
        JsonNode line = new ObjectMapper().readTree(Files.readString(dir.resolve("cohort-smoke.jsonl")));
        assertThat(line.path("subjects").asInt()).isEqualTo(50);
        assertThat(line.path("exotrial")
                        .path("ingest_4_clients_resources_per_s")
                        .asDouble())
                .isPositive();
        assertThat(line.path("stock").path("queries_ms").size()).isEqualTo(8);
        assertThat(line.path("exotrial")
                        .path("hospital_records_resources_per_s")
                        .asDouble())
                .isPositive();
        assertThat(line.path("stock_validating")
                        .path("ingest_4_clients_resources_per_s")
                        .asDouble())
                .isPositive();
        assertThat(line.path("targets").size()).isEqualTo(8);
        for (String figure : List.of("sync_p50_ms", "sync_p95_ms", "sync_delivered", "sync_matched")) {
            assertThat(line.path("exotrial").path(figure).isNumber()).as(figure).isTrue();
        }
        assertThat(line.path("stock").path("sync_matched").asInt()).isPositive();
        assertThat(line.path("exotrial").path("restart_s").asDouble()).isPositive();
        // The sync phase, checked once the report is written so that a failed phase leaves its figures: ExoTrial
        // notified every outcome the four clients stored, each once, each with its time.
        SyncPhase.Result sync = exotrial.load().sync();
        assertThat(sync.matched()).isPositive();
        assertThat(sync.delivered()).isEqualTo(sync.matched());
        assertThat(sync.duplicates()).isZero();
        assertThat(sync.latencies().count()).isEqualTo(sync.matched());
        assertThat(stock.load().sync().matched()).isEqualTo(sync.matched());
        assertThat(validating.load().sync()).isNull();
    }
}
