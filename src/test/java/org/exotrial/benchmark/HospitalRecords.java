package org.exotrial.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
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

    /**
     * What the phase achieved: the bundles and resources the server took (a refused bundle is not counted) in the time
     * it took for all, the bundles refused, and why.
     */
    record Result(int bundles, int resources, double seconds, int refused, Map<String, Integer> refusals) {
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
     * Posts the export with {@code ehr}'s token and checks with {@code admin}'s that the server stored exactly what it
     * took, type by type. Bundles are read and decompressed before the clock starts. A server that {@code mayRefuse}
     * (validating with HAPI's validator) may refuse a whole bundle (412 or 422): it is counted as refused, with its
     * reason, not as throughput.
     */
    static Result run(Api ehr, Api admin, boolean mayRefuse) throws Exception {
        List<SyntheaRecords.Record> records = SyntheaRecords.all();
        Map<String, Integer> all = SyntheaRecords.entriesPerType(records);
        Map<String, Integer> before = CohortBenchmark.counts(admin, all.keySet());
        List<SyntheaRecords.Record> taken = new ArrayList<>();
        Refusals refusals = new Refusals();
        long start = System.nanoTime();
        for (SyntheaRecords.Record record : records) {
            String response;
            if (mayRefuse) {
                Api.Answer answer = ehr.postBundleOrRefusal(record.json());
                if (answer.refused()) {
                    refusals.add(answer.body());
                    continue;
                }
                response = answer.body();
            } else {
                response = ehr.postBundle(record.json());
            }
            // The hospital and practitioner bundles are batches: each entry succeeds or fails on its own.
            for (JsonNode entry : JSON.readTree(response).path("entry")) {
                String status = entry.path("response").path("status").asText();
                if (!status.startsWith("2")) {
                    throw new IllegalStateException(record.name() + ": an entry got " + status + ": " + entry);
                }
            }
            taken.add(record);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> sent = SyntheaRecords.entriesPerType(taken);
        Map<String, Integer> after = CohortBenchmark.counts(admin, all.keySet());
        Map<String, Integer> stored = new java.util.TreeMap<>();
        after.forEach((type, n) -> {
            if (n - before.getOrDefault(type, 0) != 0) {
                stored.put(type, n - before.getOrDefault(type, 0));
            }
        });
        if (!stored.equals(sent)) {
            throw new IllegalStateException("stored " + stored + " of the Synthea export, but it took " + sent);
        }
        int resources = sent.values().stream().mapToInt(Integer::intValue).sum();
        return new Result(taken.size(), resources, seconds, refusals.count(), refusals.byReason());
    }
}
