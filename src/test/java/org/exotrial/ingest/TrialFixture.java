package org.exotrial.ingest;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;

/**
 * A study participant the ingest tests write results for: src/test/resources/ingest/fhir/trial-patient.json (study,
 * patient, subject and LAR on 2025-01-11, all conditional creates keyed on business identifiers), made unique per test.
 */
public record TrialFixture(String mrn, String study, String subject) {

    public static TrialFixture unique() {
        String id = UUID.randomUUID().toString().substring(0, 13);
        return new TrialFixture("MRN-" + id, "STUDY-" + id, "SUBJ-" + id);
    }

    public String json() {
        try (InputStream in = TrialFixture.class.getResourceAsStream("/ingest/fhir/trial-patient.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${MRN}", mrn)
                    .replace("${STUDY}", study)
                    .replace("${SUBJECT}", subject);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Bundle bundle(FhirContext fhir) {
        return fhir.newJsonParser().parseResource(Bundle.class, json());
    }
}
