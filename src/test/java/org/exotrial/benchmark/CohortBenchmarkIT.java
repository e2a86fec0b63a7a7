package org.exotrial.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full benchmark (minutes to hours, not part of {@code mvn verify}): ExoTrial beside stock HAPI on a generated
 * cohort of {@code -Dbenchmark.subjects} participants (default 1,000). Appends its table to docs/benchmarks.md and its
 * JSON line to docs/benchmarks.jsonl. Command: {@code bin/benchmark [subjects]}, see docs/benchmarks.md.
 */
@Tag("benchmark")
class CohortBenchmarkIT {

    @Test
    void exotrialBesideStockHapi() throws Exception {
        int subjects = Integer.getInteger("benchmark.subjects", 1000);
        List<CohortBenchmark.ServerRun> runs = new CohortBenchmark(CohortBenchmark.Settings.full(subjects)).run();
        BenchmarkReport report = new BenchmarkReport(subjects, runs);
        System.out.println(report.markdown());
        System.out.println(report.jsonLine());
        report.append(Path.of("docs", "benchmarks.jsonl"), Path.of("docs", "benchmarks.md"));
        assertThat(runs.get(0).load().answers()).isEqualTo(runs.get(1).load().answers());
    }
}
