package org.exotrial.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.exotrial.benchmark.CohortBenchmark.ServerRun;
import org.exotrial.benchmark.CohortBenchmark.Started;

/**
 * A run written down: a JSON line (for tools) and a Markdown table (for people), each with the machine, the date and
 * the commit, ExoTrial beside stock HAPI, and the targets with whether they are met.
 */
final class BenchmarkReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MB = 1024 * 1024;

    private final int subjects;
    private final ServerRun exotrial;
    private final ServerRun stock;
    private final String machine = Machine.describe();
    private final String commit = Machine.commit();
    private final String date = LocalDate.now(ZoneOffset.UTC).toString();

    BenchmarkReport(int subjects, List<ServerRun> runs) {
        this.subjects = subjects;
        this.exotrial = runs.get(0);
        this.stock = runs.get(1);
    }

    /** The targets of issue 6: each is met or not, on this run. */
    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        double ingestRatio = exotrial.load().ingestFourClients().resourcesPerSecond()
                / stock.load().ingestFourClients().resourcesPerSecond();
        targets.add(new Target(
                "ingest, 4 clients, validation on: ≥ 2× stock without validation",
                fmt(ingestRatio) + "×",
                ingestRatio >= 2));
        double worstP95 = exotrial.load().queries().values().stream()
                .mapToDouble(Latencies::p95)
                .max()
                .orElseThrow();
        targets.add(new Target("every analyst query p95 ≤ 25 ms", fmt(worstP95) + " ms (worst)", worstP95 <= 25));
        double reads = exotrial.load().reads().requestsPerSecond();
        targets.add(new Target("read by id ≥ 1,500 requests/s at 4 clients", fmt(reads) + "/s", reads >= 1500));
        double startup = exotrial.fresh().startup().toMillis() / 1000.0;
        targets.add(new Target("startup ≤ 15 s (fresh data directory)", fmt(startup) + " s", startup <= 15));
        double restart = exotrial.restart().startup().toMillis() / 1000.0;
        targets.add(new Target("startup ≤ 15 s (restart, loaded database)", fmt(restart) + " s", restart <= 15));
        double ready = exotrial.fresh().resident() / MB;
        targets.add(new Target("resident memory at ready ≤ 700 MB", fmt(ready) + " MB", ready <= 700));
        return targets;
    }

    record Target(String target, String measured, boolean met) {}

    String jsonLine() throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("date", date);
        line.put("commit", commit);
        line.put("machine", machine);
        line.put("subjects", subjects);
        line.put("exotrial", asMap(exotrial));
        line.put("stock", asMap(stock));
        Map<String, Boolean> met = new LinkedHashMap<>();
        targets().forEach(t -> met.put(t.target(), t.met()));
        line.put("targets", met);
        return JSON.writeValueAsString(line);
    }

    private static Map<String, Object> asMap(ServerRun run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("startup_s", run.fresh().startup().toMillis() / 1000.0);
        map.put("rss_ready_mb", Math.round(run.fresh().resident() / MB));
        map.put("restart_s", run.restart().startup().toMillis() / 1000.0);
        map.put("rss_restart_mb", Math.round(run.restart().resident() / MB));
        map.put("rss_after_load_mb", Math.round(run.load().residentAfterLoad() / MB));
        map.put("ingest_1_client", run.load().ingestOneClient());
        map.put("ingest_4_clients", run.load().ingestFourClients());
        map.put("ingest_1_client_resources_per_s", run.load().ingestOneClient().resourcesPerSecond());
        map.put(
                "ingest_4_clients_resources_per_s",
                run.load().ingestFourClients().resourcesPerSecond());
        map.put("queries_ms", run.load().queries());
        map.put("reads_4_clients_per_s", run.load().reads().requestsPerSecond());
        map.put("reads_4_clients_ms", run.load().reads().latencies());
        map.put("stored", run.load().stored());
        map.put("hospital_records", run.load().hospitalRecords());
        map.put("hospital_records_bundles_per_s", run.load().hospitalRecords().bundlesPerSecond());
        map.put("hospital_records_resources_per_s", run.load().hospitalRecords().resourcesPerSecond());
        return map;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### ")
                .append(subjects)
                .append(" subjects, ")
                .append(date)
                .append(", commit `")
                .append(commit)
                .append("`\n\n")
                .append(machine)
                .append(". Stored per type (both servers, checked): ")
                .append(exotrial.load().stored())
                .append(".\n\n");
        md.append("| measure | ExoTrial | stock HAPI | ExoTrial ÷ stock |\n|---|---|---|---|\n");
        startRows(md, "startup", "resident memory at ready, MB", ServerRun::fresh);
        row(
                md,
                "resident memory after load, MB",
                exotrial.load().residentAfterLoad() / MB,
                stock.load().residentAfterLoad() / MB);
        startRows(
                md,
                "restart with the loaded database",
                "resident memory at ready after restart, MB",
                ServerRun::restart);
        ingestRows(
                md, "1 client", exotrial.load().ingestOneClient(), stock.load().ingestOneClient());
        ingestRows(
                md,
                "4 clients",
                exotrial.load().ingestFourClients(),
                stock.load().ingestFourClients());
        HospitalRecords.Result ourRecords = exotrial.load().hospitalRecords();
        HospitalRecords.Result theirRecords = stock.load().hospitalRecords();
        row(
                md,
                "hospital records (Synthea, " + ourRecords.bundles() + " bundles), 1 client, resources/s",
                ourRecords.resourcesPerSecond(),
                theirRecords.resourcesPerSecond());
        row(
                md,
                "hospital records (Synthea), 1 client, bundles/s",
                ourRecords.bundlesPerSecond(),
                theirRecords.bundlesPerSecond());
        row(
                md,
                "read by id, 4 clients, requests/s",
                exotrial.load().reads().requestsPerSecond(),
                stock.load().reads().requestsPerSecond());
        latencyRow(
                md,
                "read by id, 4 clients",
                exotrial.load().reads().latencies(),
                stock.load().reads().latencies());
        exotrial.load()
                .queries()
                .forEach((name, latencies) ->
                        latencyRow(md, name, latencies, stock.load().queries().get(name)));
        md.append("\n| target | measured (ExoTrial) | met |\n|---|---|---|\n");
        for (Target t : targets()) {
            md.append("| ")
                    .append(t.target())
                    .append(" | ")
                    .append(t.measured())
                    .append(" | ")
                    .append(t.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return md.toString();
    }

    private static void ingestRows(StringBuilder md, String clients, Ingest.Result ours, Ingest.Result theirs) {
        row(md, "ingest, " + clients + ", resources/s", ours.resourcesPerSecond(), theirs.resourcesPerSecond());
        row(
                md,
                "ingest, " + clients + ", bundles (participants)/s",
                ours.bundlesPerSecond(),
                theirs.bundlesPerSecond());
    }

    /** Time to the first answer and memory then, for one of the two starts each server made. */
    private void startRows(StringBuilder md, String start, String memory, Function<ServerRun, Started> which) {
        row(
                md,
                start + " to first 200 on /fhir/metadata, s",
                which.apply(exotrial).startup().toMillis() / 1000.0,
                which.apply(stock).startup().toMillis() / 1000.0);
        row(
                md,
                memory,
                which.apply(exotrial).resident() / MB,
                which.apply(stock).resident() / MB);
    }

    private static void row(StringBuilder md, String measure, double ours, double theirs) {
        cells(md, measure, fmt(ours), fmt(theirs), fmt(ours / theirs));
    }

    private static void latencyRow(StringBuilder md, String name, Latencies ours, Latencies theirs) {
        cells(
                md,
                name + ", p50 / p95 / max ms",
                triple(ours),
                triple(theirs),
                fmt(ours.p95() / theirs.p95()) + " (p95)");
    }

    /** One Markdown table row. */
    private static void cells(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String triple(Latencies l) {
        return fmt(l.p50()) + " / " + fmt(l.p95()) + " / " + fmt(l.max());
    }

    static String fmt(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.1f", value);
    }

    /**
     * Appends the JSON line to {@code jsonl} (the run history) and writes the table to {@code markdownFile}, replacing
     * what an earlier run with the same name wrote there.
     */
    void append(Path jsonl, Path markdownFile) throws IOException {
        Files.createDirectories(jsonl.toAbsolutePath().getParent());
        Files.writeString(
                jsonl, jsonLine() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Files.createDirectories(markdownFile.toAbsolutePath().getParent());
        Files.writeString(markdownFile, markdown(), StandardCharsets.UTF_8);
    }
}
