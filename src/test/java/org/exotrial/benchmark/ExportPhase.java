package org.exotrial.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;

/**
 * The export phase (issue 33), on the loaded cohort: a whole-cohort bulk {@code $export} (NDJSON) kicked off, polled
 * and downloaded as an analyst would, timed from kick-off to the last file read; every file's lines counted per type
 * and compared with what the server holds. On ExoTrial also the shipped cytokines view as one CSV through {@code
 * $viewdefinition-run}, its rows compared with the cytokine Observations a search counts. Stock HAPI runs HAPI's own
 * bulk export on the same data; it has no view runner.
 */
final class ExportPhase {

    /** The cohort's types, exported in one job. */
    static final Set<String> TYPES =
            Set.of("Patient", "ResearchSubject", "Procedure", "Specimen", "Observation", "Encounter", "AdverseEvent");

    static final String CYTOKINES_VIEW = "https://exotrial.org/fhir/ViewDefinition/exotrial-cytokines";
    private static final String PROFILES = "https://exotrial.org/fhir/StructureDefinition/exotrial-il6,"
            + "https://exotrial.org/fhir/StructureDefinition/exotrial-tnf-alpha";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the phase measured. {@code viewRows} and {@code viewSeconds} are -1 where there is no view runner (stock).
     */
    record Result(Map<String, Integer> exported, int files, double exportSeconds, int viewRows, double viewSeconds) {

        int resources() {
            return exported.values().stream().mapToInt(Integer::intValue).sum();
        }

        double resourcesPerSecond() {
            return resources() / exportSeconds;
        }

        double viewRowsPerSecond() {
            return viewRows < 0 ? Double.NaN : viewRows / viewSeconds;
        }
    }

    private ExportPhase() {}

    static Result run(Api analyst, boolean viewRunner) throws Exception {
        Map<String, Integer> held = CohortBenchmark.counts(analyst, TYPES);
        long start = System.nanoTime();
        Api.Response kickOff = analyst.exchange(
                "$export?_type=" + String.join(",", new java.util.TreeSet<>(TYPES))
                        + "&_outputFormat=application/fhir%2Bndjson",
                Map.of("Prefer", "respond-async", "Accept", "application/fhir+json"));
        if (kickOff.status() != 202 || kickOff.header("Content-Location") == null) {
            throw new IllegalStateException("$export kick-off -> HTTP " + kickOff.status() + ": " + kickOff.body());
        }
        JsonNode manifest = poll(analyst, kickOff.header("Content-Location"));
        Map<String, Integer> exported = new TreeMap<>();
        int files = 0;
        for (JsonNode file : manifest.path("output")) {
            String body = analyst.exchange(file.path("url").asText(), Map.of("Accept", "application/fhir+ndjson"))
                    .body();
            int lines = (int) body.lines().filter(line -> !line.isBlank()).count();
            exported.merge(file.path("type").asText(), lines, Integer::sum);
            files++;
        }
        double exportSeconds = (System.nanoTime() - start) / 1e9;
        if (!exported.equals(held)) {
            throw new IllegalStateException("$export wrote " + exported + " but the server holds " + held);
        }
        if (!viewRunner) {
            return new Result(exported, files, exportSeconds, -1, Double.NaN);
        }
        return viewRun(analyst, exported, files, exportSeconds);
    }

    private static Result viewRun(Api analyst, Map<String, Integer> exported, int files, double exportSeconds)
            throws Exception {
        int cytokines = JSON.readTree(analyst.getUncached("Observation?_profile=" + PROFILES + "&_summary=count"))
                .path("total")
                .asInt();
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("viewReference").setValue(new Reference(CYTOKINES_VIEW));
        parameters.addParameter("_format", new org.hl7.fhir.r4.model.CodeType("csv"));
        String body =
                ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(parameters);
        long start = System.nanoTime();
        Api.Response csv = analyst.exchangePost("$viewdefinition-run", body, Map.of("Accept", "text/csv"));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (csv.status() != 200) {
            throw new IllegalStateException("$viewdefinition-run -> HTTP " + csv.status() + ": " + csv.body());
        }
        int rows =
                (int) csv.body().lines().skip(1).filter(line -> !line.isBlank()).count();
        if (rows != cytokines) {
            throw new IllegalStateException("the cytokines view gave " + rows + " rows for " + cytokines + " results");
        }
        return new Result(exported, files, exportSeconds, rows, seconds);
    }

    /** Polls the status URL every half second until the manifest (200); any other answer than 202 fails the run. */
    private static JsonNode poll(Api analyst, String statusUrl) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Api.Response status = analyst.exchange(statusUrl, Map.of("Accept", "application/json"));
            if (status.status() == 200) {
                return JSON.readTree(status.body());
            }
            if (status.status() != 202) {
                throw new IllegalStateException("$export status -> HTTP " + status.status() + ": " + status.body());
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("$export did not finish within " + TIMEOUT);
    }
}
