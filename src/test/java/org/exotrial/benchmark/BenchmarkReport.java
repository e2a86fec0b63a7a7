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

/**
 * A run written down: a JSON line (for tools) and a Markdown table (for people), each with the machine, the date and
 * the commit, ExoTrial beside stock HAPI and beside stock HAPI validating with its own validator, each figure with its
 * ratios, and the targets with whether they are met.
 */
final class BenchmarkReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MB = 1024 * 1024;

    private final int subjects;
    private final ServerRun exotrial;
    private final ServerRun stock;
    /** Stock HAPI with the guide and HAPI's own request validation; write phases only. */
    private final ServerRun validating;

    private final String machine = Machine.describe();
    private final String commit = Machine.commit();
    private final String date = LocalDate.now(ZoneOffset.UTC).toString();

    BenchmarkReport(int subjects, List<ServerRun> runs) {
        this.subjects = subjects;
        this.exotrial = runs.get(0);
        this.stock = runs.get(1);
        this.validating = runs.get(2);
    }

    /** The targets of issue 6 (and issue 31's for sync): each is met or not, on this run. */
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
        SyncPhase.Result sync = exotrial.load().sync();
        double syncP95 =
                sync.latencies() == null ? Double.NaN : sync.latencies().p95();
        targets.add(new Target(
                "sync p95 < 1 s, delivered = matched (issue 31)",
                fmt(syncP95) + " ms, " + sync.delivered() + " of " + sync.matched(),
                syncP95 < 1000 && sync.complete()));
        ExportPhase.Result ours = exotrial.load().export();
        double exportRatio = ours.resourcesPerSecond() / stock.load().export().resourcesPerSecond();
        targets.add(new Target(
                "bulk export ≥ 2× stock HAPI's, cytokines CSV view < 30 s (issue 33; at 10,000 participants)",
                fmt(exportRatio) + "×, " + fmt(ours.viewSeconds()) + " s",
                exportRatio >= 2 && ours.viewSeconds() < 30));
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
        line.put("stock_validating", asMap(validating));
        Map<String, Boolean> met = new LinkedHashMap<>();
        targets().forEach(t -> met.put(t.target(), t.met()));
        line.put("targets", met);
        return JSON.writeValueAsString(line);
    }

    /** A variant's figures; those of phases it did not run (writes-only variants) are left out. */
    private static Map<String, Object> asMap(ServerRun run) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("startup_s", run.fresh().startup().toMillis() / 1000.0);
        map.put("rss_ready_mb", Math.round(run.fresh().resident() / MB));
        if (run.restart() != null) {
            map.put("restart_s", run.restart().startup().toMillis() / 1000.0);
            map.put("rss_restart_mb", Math.round(run.restart().resident() / MB));
        }
        map.put("rss_after_load_mb", Math.round(run.load().residentAfterLoad() / MB));
        map.put("ingest_1_client", run.load().ingestOneClient());
        map.put("ingest_4_clients", run.load().ingestFourClients());
        map.put("ingest_1_client_resources_per_s", run.load().ingestOneClient().resourcesPerSecond());
        map.put(
                "ingest_4_clients_resources_per_s",
                run.load().ingestFourClients().resourcesPerSecond());
        if (run.load().queries() != null) {
            map.put("queries_ms", run.load().queries());
            map.put("reads_4_clients_per_s", run.load().reads().requestsPerSecond());
            map.put("reads_4_clients_ms", run.load().reads().latencies());
        }
        SyncPhase.Result sync = run.load().sync();
        if (sync != null) {
            map.put("sync_matched", sync.matched());
            map.put("sync_delivered", sync.delivered());
            map.put("sync_duplicates", sync.duplicates());
            if (sync.latencies() != null) {
                map.put("sync_p50_ms", sync.latencies().p50());
                map.put("sync_p95_ms", sync.latencies().p95());
                map.put("sync_max_ms", sync.latencies().max());
            }
            map.put("sync", sync);
        }
        ExportPhase.Result export = run.load().export();
        if (export != null) {
            map.put("export_resources", export.resources());
            map.put("export_files", export.files());
            map.put("export_s", export.exportSeconds());
            map.put("export_resources_per_s", export.resourcesPerSecond());
            if (export.viewRows() >= 0) {
                map.put("view_cytokines_rows", export.viewRows());
                map.put("view_cytokines_s", export.viewSeconds());
                map.put("view_cytokines_rows_per_s", export.viewRowsPerSecond());
            }
        }
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
                .append(". Stored per type (ExoTrial and stock, checked): ")
                .append(exotrial.load().stored())
                .append(". ")
                .append(validating.variant().label)
                .append(" (write phases only) stored what it took, checked: ")
                .append(validating.load().stored())
                .append(".\n\n");
        md.append("| measure | ExoTrial | stock HAPI | ")
                .append(validating.variant().label)
                .append(" | ExoTrial ÷ stock | ExoTrial ÷ (")
                .append(validating.variant().label)
                .append(") |\n|---|---|---|---|---|---|\n");
        row(
                md,
                "startup to first 200 on /fhir/metadata, s",
                r -> r.fresh().startup().toMillis() / 1000.0);
        row(md, "resident memory at ready, MB", r -> r.fresh().resident() / MB);
        row(md, "resident memory after load, MB", r -> r.load().residentAfterLoad() / MB);
        row(
                md,
                "restart with the loaded database to first 200 on /fhir/metadata, s",
                r -> r.restart() == null ? null : r.restart().startup().toMillis() / 1000.0);
        row(
                md,
                "resident memory at ready after restart, MB",
                r -> r.restart() == null ? null : r.restart().resident() / MB);
        ingestRows(md, "1 client", ServerRun::load, l -> l.ingestOneClient());
        ingestRows(md, "4 clients", ServerRun::load, l -> l.ingestFourClients());
        cells(
                md,
                "cohort bundles refused",
                refusedBundles(exotrial),
                refusedBundles(stock),
                refusedBundles(validating),
                "",
                "");
        HospitalRecords.Result ourRecords = exotrial.load().hospitalRecords();
        row(
                md,
                "hospital records (Synthea, " + (ourRecords.bundles() + ourRecords.refused())
                        + " bundles), 1 client, resources/s",
                r -> r.load().hospitalRecords().resourcesPerSecond());
        row(md, "hospital records (Synthea), 1 client, bundles/s", r -> r.load()
                .hospitalRecords()
                .bundlesPerSecond());
        cells(
                md,
                "hospital record bundles refused",
                String.valueOf(ourRecords.refused()),
                String.valueOf(stock.load().hospitalRecords().refused()),
                String.valueOf(validating.load().hospitalRecords().refused()),
                "",
                "");
        row(
                md,
                "read by id, 4 clients, requests/s",
                r -> r.load().reads() == null ? null : r.load().reads().requestsPerSecond());
        latencyRow(
                md,
                "read by id, 4 clients",
                exotrial.load().reads().latencies(),
                stock.load().reads().latencies());
        syncRows(md);
        exportRows(md);
        exotrial.load()
                .queries()
                .forEach((name, latencies) ->
                        latencyRow(md, name, latencies, stock.load().queries().get(name)));
        md.append("\nSync phase: ")
                .append(exotrial.load().sync().subscription())
                .append("; ")
                .append(stock.load().sync().subscription())
                .append(". Latency: arrival at the receiver minus the event's time (ExoTrial: the event's timestamp,")
                .append(" taken just before the write commits; HAPI: the resource's lastUpdated).\n");
        Map<String, Integer> refusals = new java.util.TreeMap<>();
        for (ServerRun run : List.of(exotrial, stock, validating)) {
            run.load().ingestOneClient().refusals().forEach((k, n) -> refusals.merge(k, n, Integer::sum));
            run.load().ingestFourClients().refusals().forEach((k, n) -> refusals.merge(k, n, Integer::sum));
            run.load().hospitalRecords().refusals().forEach((k, n) -> refusals.merge(k, n, Integer::sum));
        }
        if (!refusals.isEmpty()) {
            md.append(
                    "\nWrites refused (a refused bundle counts in the time, not in the throughput), by first error:\n\n");
            refusals.forEach((reason, n) -> md.append("- ")
                    .append(n)
                    .append("× ")
                    .append(reason.replace("|", "\\|").replace("\n", " "))
                    .append('\n'));
        }
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

    /** The sync phase, on ExoTrial and stock (the writes-only configuration has none). */
    private void syncRows(StringBuilder md) {
        SyncPhase.Result ours = exotrial.load().sync();
        SyncPhase.Result theirs = stock.load().sync();
        cells(
                md,
                "sync: notification latency during 4-client ingest (commit to receiver), p50 / p95 / max ms",
                ours.latencies() == null ? "—" : triple(ours.latencies()),
                theirs.latencies() == null ? "—" : triple(theirs.latencies()),
                "—",
                ours.latencies() == null || theirs.latencies() == null
                        ? "—"
                        : fmt(ours.latencies().p95() / theirs.latencies().p95()) + " (p95)",
                "—");
        cells(
                md,
                "sync: delivered of matched (event numbers notified twice)",
                delivery(ours),
                delivery(theirs),
                "—",
                "",
                "");
    }

    /** The export phase, on ExoTrial and stock (the writes-only configuration has none). */
    private void exportRows(StringBuilder md) {
        ExportPhase.Result ours = exotrial.load().export();
        ExportPhase.Result theirs = stock.load().export();
        cells(
                md,
                "bulk export of the cohort (NDJSON, kick-off to last file read), resources/s",
                fmt(ours.resourcesPerSecond()),
                fmt(theirs.resourcesPerSecond()),
                "—",
                fmt(ours.resourcesPerSecond() / theirs.resourcesPerSecond()),
                "—");
        cells(
                md,
                "cytokines view, one CSV ($viewdefinition-run): rows, seconds, rows/s",
                ours.viewRows() + ", " + fmt(ours.viewSeconds()) + " s, " + fmt(ours.viewRowsPerSecond()) + "/s",
                "— (no view runner)",
                "—",
                "",
                "");
    }

    private static String delivery(SyncPhase.Result sync) {
        return sync.delivered() + " of " + sync.matched() + " (" + sync.duplicates() + ")";
    }

    /** "refused of sent". */
    private static String refusedBundles(ServerRun run) {
        Ingest.Result one = run.load().ingestOneClient();
        Ingest.Result four = run.load().ingestFourClients();
        int refused = one.refused() + four.refused();
        return refused + " of " + (refused + one.bundles() + four.bundles());
    }

    private void ingestRows(
            StringBuilder md,
            String clients,
            Function<ServerRun, CohortBenchmark.Loaded> load,
            Function<CohortBenchmark.Loaded, Ingest.Result> phase) {
        row(md, "ingest, " + clients + ", resources/s", r -> phase.apply(load.apply(r))
                .resourcesPerSecond());
        row(md, "ingest, " + clients + ", bundles (participants)/s", r -> phase.apply(load.apply(r))
                .bundlesPerSecond());
    }

    /** A figure of all three runs (null where a run did not measure it), with ExoTrial's ratio to each other. */
    private void row(StringBuilder md, String measure, Function<ServerRun, Double> figure) {
        Double ours = figure.apply(exotrial);
        Double theirs = figure.apply(stock);
        Double validated = figure.apply(validating);
        cells(
                md,
                measure,
                fmtOrDash(ours),
                fmtOrDash(theirs),
                fmtOrDash(validated),
                ratio(ours, theirs),
                ratio(ours, validated));
    }

    /** No ratio where either did not measure it, or the other did nothing (every write refused). */
    private static String ratio(Double ours, Double theirs) {
        return ours == null || theirs == null || theirs == 0 ? "—" : fmt(ours / theirs);
    }

    private static String fmtOrDash(Double value) {
        return value == null ? "—" : fmt(value);
    }

    /** Latencies of ExoTrial and stock; the writes-only configuration serves no reads in the run. */
    private static void latencyRow(StringBuilder md, String name, Latencies ours, Latencies theirs) {
        cells(
                md,
                name + ", p50 / p95 / max ms",
                triple(ours),
                triple(theirs),
                "—",
                fmt(ours.p95() / theirs.p95()) + " (p95)",
                "—");
    }

    /** One Markdown table row. */
    private static void cells(StringBuilder md, String... cells) {
        md.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String triple(Latencies l) {
        return fmt(l.p50()) + " / " + fmt(l.p95()) + " / " + fmt(l.max());
    }

    /** Two significant digits below 0.1, so that a ratio such as 0.019 does not show as 0.0. */
    static String fmt(double value) {
        if (value > 0 && value < 0.1) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
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
