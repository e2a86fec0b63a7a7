package org.exotrial.benchmark;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.exotrial.cohort.CohortGenerator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;

/**
 * Loads generated participants through the public API, one transaction bundle per participant, the way a hospital
 * interface does. Bundles are encoded before the clock starts so the measured time is the server's.
 */
final class Ingest {

    /**
     * What one phase achieved: the bundles and resources the server took (refused ones are not counted) in the time it
     * took for all, the refused among them, and why they were refused.
     */
    record Result(int clients, int bundles, int resources, double seconds, int refused, Map<String, Integer> refusals) {
        double bundlesPerSecond() {
            return bundles / seconds;
        }

        double resourcesPerSecond() {
            return resources / seconds;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT_IDS = 2000;

    private final CohortGenerator generator;
    private final FhirContext fhir = FhirContext.forR4Cached();
    /** Generated resources of the bundles the server took, by type, to check the server stored exactly these. */
    final Map<String, Integer> generatedByType = new TreeMap<>();
    /** The MRNs of the participants the server took, for the identifier-chain query. */
    final List<String> mrns = Collections.synchronizedList(new ArrayList<>());
    /** Ids of created Observations ("Observation/123"), for reads by id. */
    final List<String> observationIds = Collections.synchronizedList(new ArrayList<>());

    Ingest(CohortGenerator generator) {
        this.generator = generator;
    }

    /**
     * Posts participants {@code from..from+count-1} with {@code clients} concurrent clients. A server that
     * {@code mayRefuse} (one validating with HAPI's validator) may answer 412 or 422: that bundle is counted as
     * refused, with its reason, and neither its resources nor its time count as throughput; any other server that
     * refuses a bundle fails the run.
     */
    Result run(Api api, int from, int count, int clients, boolean mayRefuse) throws Exception {
        List<String> bundles = new ArrayList<>(count);
        List<Map<String, Integer>> types = new ArrayList<>(count);
        List<List<String>> bundleMrns = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            Bundle bundle = generator.participant(i);
            Map<String, Integer> byType = new TreeMap<>();
            bundle.getEntry().forEach(e -> byType.merge(e.getResource().fhirType(), 1, Integer::sum));
            types.add(byType);
            bundleMrns.add(bundle.getEntry().stream()
                    .filter(e -> e.getResource() instanceof Patient)
                    .flatMap(e -> ((Patient) e.getResource()).getIdentifier().stream())
                    .map(Identifier::getValue)
                    .toList());
            bundles.add(fhir.newJsonParser().encodeResourceToString(bundle));
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger resources = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        Refusals refusals = new Refusals();
        java.util.BitSet accepted = new java.util.BitSet(count);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bundles.size(); i = next.getAndIncrement()) {
                        if (!mayRefuse) {
                            keepIds(api.postBundle(bundles.get(i)));
                        } else {
                            Api.Answer answer = api.postBundleOrRefusal(bundles.get(i));
                            if (answer.refused()) {
                                refusals.add(answer.body());
                                continue;
                            }
                            keepIds(answer.body());
                        }
                        taken.incrementAndGet();
                        Map<String, Integer> byType = types.get(i);
                        resources.addAndGet(byType.values().stream()
                                .mapToInt(Integer::intValue)
                                .sum());
                        synchronized (generatedByType) {
                            byType.forEach((type, n) -> generatedByType.merge(type, n, Integer::sum));
                        }
                        synchronized (accepted) {
                            accepted.set(i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // In the order generated, whatever order the clients finished in: the queries pick MRNs by position.
        accepted.stream().forEach(i -> mrns.addAll(bundleMrns.get(i)));
        return new Result(clients, taken.get(), resources.get(), seconds, refusals.count(), refusals.byReason());
    }

    private void keepIds(String transactionResponse) {
        if (observationIds.size() >= KEPT_IDS) {
            return;
        }
        try {
            for (JsonNode entry : JSON.readTree(transactionResponse).path("entry")) {
                String location = entry.path("response").path("location").asText("");
                if (location.startsWith("Observation/")) {
                    observationIds.add(location.replaceFirst("/_history/.*$", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
