package org.exotrial.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The analysts' fixed query set. Repetitions vary a parameter (threshold, date, patient, page size), and each is
 * sent with {@code Cache-Control: no-cache}, so HAPI's reuse of a recent identical search never answers it; paging is
 * measured page by page through every IL-6 result.
 */
final class AnalystQueries {

    static final String IL6 = "http://loinc.org|26881-3";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A query: its name and the path of its n-th repetition. */
    record Query(String name, IntFunction<String> path) {}

    private final List<String> mrns;

    AnalystQueries(List<String> mrns) {
        this.mrns = List.copyOf(mrns);
    }

    List<Query> queries() {
        return List.of(
                new Query(
                        "IL-6 above a threshold",
                        n -> "Observation?code=" + IL6 + "&value-quantity=gt" + (150 + n)
                                + "|http://unitsofmeasure.org|pg/mL&_count=20"),
                new Query(
                        "subjects of a study, _include patient",
                        n -> "ResearchSubject?study=ResearchStudy/lar-exosome-trial&_include=ResearchSubject:individual"
                                + "&_count=" + (20 + n % 5)),
                new Query(
                        "observations by patient identifier (chain)",
                        n -> "Observation?subject:Patient.identifier=https://exotrial.org/fhir/sid/mrn|"
                                + mrns.get((n * 7919) % mrns.size())),
                new Query(
                        "LAR procedures since a date",
                        n -> "Procedure?code=http://snomed.info/sct|4558008&date=ge2025-"
                                + String.format("%02d", 1 + n % 12) + "-01&_count=20"),
                new Query(
                        "_has: patients with a leak",
                        n -> "Patient?_has:Observation:subject:value-concept="
                                + "https://exotrial.org/fhir/CodeSystem/exotrial-leak-status|present&_count="
                                + (20 + n % 5)),
                new Query(
                        "_summary=count of IL-6 above a threshold",
                        n -> "Observation?code=" + IL6 + "&value-quantity=gt" + (100 + n)
                                + "|http://unitsofmeasure.org|pg/mL&_summary=count"),
                new Query(
                        "IL-6 newest first (_sort=-date)",
                        n -> "Observation?code=" + IL6 + "&_sort=-date&_count=" + (20 + n % 5)));
    }

    /**
     * Latencies per query, and what each query's first repetition answered (its total, or else its number of
     * entries): two servers holding the same data must answer alike.
     */
    record Results(Map<String, Latencies> latencies, Map<String, Integer> firstAnswers) {}

    /** Runs each query {@code warmUp} times unmeasured, then {@code repeats} times measured. */
    Results run(Api api, int warmUp, int repeats) {
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (Query query : queries()) {
            List<Long> samples = new ArrayList<>();
            for (int n = 0; n < warmUp + repeats; n++) {
                String path = query.path().apply(n);
                long start = System.nanoTime();
                // Some queries repeat a URL every few repetitions; no-cache makes every one a search run afresh, on
                // both servers, whatever their reuse setting (before decision 33 HAPI answered those from its reuse).
                String bundle = api.getUncached(path);
                if (n >= warmUp) {
                    samples.add(System.nanoTime() - start);
                }
                if (n == 0) {
                    answers.put(query.name(), size(bundle));
                }
            }
            latencies.put(query.name(), Latencies.of(samples));
        }
        latencies.put(PAGING, pageThroughIl6(api, repeats));
        return new Results(latencies, answers);
    }

    static final String PAGING = "paging through all IL-6 results (100 per page)";

    private static int size(String bundle) {
        try {
            JsonNode tree = JSON.readTree(bundle);
            return tree.has("total")
                    ? tree.path("total").asInt()
                    : tree.path("entry").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Follows every {@code next} link of the IL-6 search, each page one sample: one warm-up pass, then measured passes
     * until there are {@code minimumSamples} (a small cohort has few pages), at most 20. Each pass a different date
     * bound, so HAPI's reuse of an identical recent search does not answer it.
     */
    private static Latencies pageThroughIl6(Api api, int minimumSamples) {
        walkIl6Pages(api, 0, new ArrayList<>());
        List<Long> samples = new ArrayList<>();
        for (int pass = 1; pass <= 20 && samples.size() < minimumSamples; pass++) {
            walkIl6Pages(api, pass, samples);
        }
        return Latencies.of(samples);
    }

    private static void walkIl6Pages(Api api, int pass, List<Long> samples) {
        String next = "Observation?code=" + IL6 + "&_count=100&_total=none&date=le" + (2030 - pass);
        while (next != null) {
            long start = System.nanoTime();
            String page = api.get(next);
            samples.add(System.nanoTime() - start);
            next = nextLink(page);
        }
    }

    private static String nextLink(String bundle) {
        try {
            for (JsonNode link : JSON.readTree(bundle).path("link")) {
                if ("next".equals(link.path("relation").asText())) {
                    return link.path("url").asText();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
