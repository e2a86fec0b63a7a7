package org.exotrial.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The full benchmark (minutes to hours, not part of {@code mvn verify}): ExoTrial beside stock HAPI, and beside stock
 * HAPI validating with its own validator, on a generated cohort of {@code -Dbenchmark.subjects} participants (default
 * 1,000). Appends its JSON line to docs/benchmarks.jsonl
 * (the run history) and writes its full table to target/benchmarks/cohort-N.md (N the number of participants), as
 * the smoke test writes target/benchmarks/cohort-smoke.md. Command: {@code bin/benchmark [subjects]}, see
 * docs/benchmarks.md.
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
        report.append(
                Path.of("docs", "benchmarks.jsonl"), Path.of("target", "benchmarks", "cohort-" + subjects + ".md"));
        assertThat(runs.get(0).load().answers()).isEqualTo(runs.get(1).load().answers());
    }
}
