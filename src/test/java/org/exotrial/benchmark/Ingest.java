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

    /** What one phase achieved. */
    record Result(int clients, int bundles, int resources, double seconds) {
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
    /** Generated resources by type, to check the server stored exactly these. */
    final Map<String, Integer> generatedByType = new TreeMap<>();
    /** Participants' MRNs, for the identifier-chain query. */
    final List<String> mrns = Collections.synchronizedList(new ArrayList<>());
    /** Ids of created Observations ("Observation/123"), for reads by id. */
    final List<String> observationIds = Collections.synchronizedList(new ArrayList<>());

    Ingest(CohortGenerator generator) {
        this.generator = generator;
    }

    /** Posts participants {@code from..from+count-1} with {@code clients} concurrent clients. */
    Result run(Api api, int from, int count, int clients) throws Exception {
        List<String> bundles = new ArrayList<>(count);
        int resources = 0;
        for (int i = from; i < from + count; i++) {
            Bundle bundle = generator.participant(i);
            resources += bundle.getEntry().size();
            bundle.getEntry().forEach(e -> generatedByType.merge(e.getResource().fhirType(), 1, Integer::sum));
            bundle.getEntry().stream()
                    .filter(e -> e.getResource() instanceof Patient)
                    .flatMap(e -> ((Patient) e.getResource()).getIdentifier().stream())
                    .map(Identifier::getValue)
                    .forEach(mrns::add);
            bundles.add(fhir.newJsonParser().encodeResourceToString(bundle));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bundles.size(); i = next.getAndIncrement()) {
                        keepIds(api.postBundle(bundles.get(i)));
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
        return new Result(clients, count, resources, (System.nanoTime() - start) / 1e9);
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
