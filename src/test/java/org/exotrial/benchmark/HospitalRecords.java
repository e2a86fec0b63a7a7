package org.exotrial.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.exotrial.ingest.SyntheaRecords;

/**
 * The hospital-record phase: the Synthea 3.3 export of the test resources (five patients' records and the hospital and
 * practitioner bundles they refer to, 1,474 entries) posted by one client as a hospital interface posts it, each
 * bundle as Synthea wrote it. Claims, immunizations and care teams beside the clinical data, most of them outside the
 * trial's profiles: what the core validation of every type costs, where the cohort phases measure the trial's own.
 */
final class HospitalRecords {

    /** What the phase achieved. */
    record Result(int bundles, int resources, double seconds) {
        double bundlesPerSecond() {
            return bundles / seconds;
        }

        double resourcesPerSecond() {
            return resources / seconds;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private HospitalRecords() {}

    /**
     * Posts the export with {@code ehr}'s token and checks with {@code admin}'s that the server stored exactly what was
     * sent, type by type. Bundles are read and decompressed before the clock starts.
     */
    static Result run(Api ehr, Api admin) throws Exception {
        List<SyntheaRecords.Record> records = SyntheaRecords.all();
        Map<String, Integer> sent = SyntheaRecords.entriesPerType(records);
        int resources = sent.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> before = CohortBenchmark.counts(admin, sent.keySet());
        long start = System.nanoTime();
        for (SyntheaRecords.Record record : records) {
            // The hospital and practitioner bundles are batches: each entry succeeds or fails on its own.
            for (JsonNode entry : JSON.readTree(ehr.postBundle(record.json())).path("entry")) {
                String status = entry.path("response").path("status").asText();
                if (!status.startsWith("2")) {
                    throw new IllegalStateException(record.name() + ": an entry got " + status + ": " + entry);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> after = CohortBenchmark.counts(admin, sent.keySet());
        Map<String, Integer> stored = new java.util.TreeMap<>();
        after.forEach((type, n) -> stored.put(type, n - before.getOrDefault(type, 0)));
        if (!stored.equals(sent)) {
            throw new IllegalStateException("stored " + stored + " of the Synthea export, but was sent " + sent);
        }
        return new Result(records.size(), resources, seconds);
    }
}
