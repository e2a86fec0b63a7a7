package org.exotrial.ingest;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The Synthea 3.3 export kept in test resources (src/test/resources/ingest/synthea/README.md): the hospital and
 * practitioner bundles first, as they must be posted, then one transaction per patient, each as Synthea wrote it.
 */
public final class SyntheaRecords {

    private static final String DIR = "/ingest/synthea/";

    private static final List<String> FILES = List.of(
            "hospitalInformation.json.gz",
            "practitionerInformation.json.gz",
            "patient-05cd6c3e-1073-d7c0-27bd-7707e0269d81.json.gz",
            "patient-06d836c1-3519-72c0-ce90-780ef2dc6756.json.gz",
            "patient-b93d6a9f-2193-e5bb-d1f5-459ff744c75e.json.gz",
            "patient-d80dacc9-c525-45b2-4960-b380bf9df9ac.json.gz",
            "patient-f65ba370-fc6d-b64a-4aec-16494dbe2e32.json.gz");

    /** One bundle as posted: its file name and its JSON, byte for byte. */
    public record Record(String name, String json) {

        public Bundle parse() {
            return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
        }

        /** Entries per resource type. */
        public Map<String, Integer> entriesPerType() {
            Map<String, Integer> counts = new TreeMap<>();
            parse().getEntry().forEach(e -> counts.merge(e.getResource().fhirType(), 1, Integer::sum));
            return counts;
        }
    }

    private SyntheaRecords() {}

    public static List<Record> all() {
        List<Record> records = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = SyntheaRecords.class.getResourceAsStream(DIR + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + DIR + file);
                }
                records.add(
                        new Record(file, new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return records;
    }

    /** Entries per resource type over the whole export. */
    public static Map<String, Integer> entriesPerType(List<Record> records) {
        Map<String, Integer> counts = new TreeMap<>();
        records.forEach(r -> r.entriesPerType().forEach((type, n) -> counts.merge(type, n, Integer::sum)));
        return counts;
    }
}
