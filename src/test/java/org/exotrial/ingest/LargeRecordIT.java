package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/**
 * A lifetime record as large as Synthea's oldest patients' (about 20,000 entries) goes in with the default limits,
 * in one transaction; beyond the limits the 413 says which limit, its value and the property that sets it.
 */
class LargeRecordIT extends ServerIT {

    static final int OBSERVATIONS = 20_000;
    private static final Instant FIRST = Instant.parse("1950-01-01T08:00:00Z");

    @Test
    void aTwentyThousandEntryRecordIsStoredWithTheDefaultLimits() throws Exception {
        String mrn = unique("lifetime");
        String json = FHIR.newJsonParser().encodeResourceToString(lifetimeRecord(mrn, OBSERVATIONS));

        long started = System.nanoTime();
        HttpResponse<String> response = send(request("", Role.EHR)
                .timeout(Duration.ofMinutes(15))
                .header("Content-Type", "application/fhir+json")
                .header("Prefer", "return=minimal")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Patient patient = patientsWithMrn(mrn).get(0);
        HttpResponse<String> count = send(
                request("/Observation?subject=Patient/" + patient.getIdElement().getIdPart() + "&_summary=count")
                        .GET());
        assertThat(FHIR.newJsonParser()
                        .parseResource(Bundle.class, count.body())
                        .getTotal())
                .isEqualTo(OBSERVATIONS);
        System.out.printf(
                "LargeRecordIT: %d entries, %.1f MB, stored in %.1f s%n",
                OBSERVATIONS + 1, json.length() / 1e6, took.toMillis() / 1000.0);
    }

    @Test
    void aBundleAboveTheEntryLimitGets413NamingTheLimitItsValueAndItsProperty() throws Exception {
        int limit = 30_000;
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i <= limit; i++) {
            bundle.addEntry()
                    .setResource(new org.hl7.fhir.r4.model.Basic())
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl("Basic");
        }

        HttpResponse<String> response = send(request("", Role.EHR)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(bundle))));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body())
                .contains("OperationOutcome")
                .contains("\"too-long\"")
                .contains("The transaction bundle has 30001 entries")
                .contains("exotrial.ingest.max-bundle-entries = 30000")
                .contains("EXOTRIAL_INGEST_MAX_BUNDLE_ENTRIES");
    }

    /** A Patient and its Observations, all POSTed under fresh UUIDs, as an EHR's export carries them. */
    static Bundle lifetimeRecord(String mrn, int observations) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.addName().setFamily("Lifetime").addGiven("Record");
        bundle.addEntry()
                .setFullUrl(patientUrl)
                .setResource(patient)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Patient");
        for (int i = 0; i < observations; i++) {
            Observation glucose = new Observation();
            glucose.setStatus(Observation.ObservationStatus.FINAL);
            glucose.addCategory()
                    .addCoding()
                    .setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                    .setCode("laboratory");
            glucose.getCode()
                    .addCoding()
                    .setSystem("http://loinc.org")
                    .setCode("2339-0")
                    .setDisplay("Glucose [Mass/volume] in Blood");
            glucose.getSubject().setReference(patientUrl);
            glucose.setEffective(new DateTimeType(FIRST.plus(Duration.ofDays(i)).toString()));
            glucose.setValue(new Quantity()
                    .setValue(70 + i % 60)
                    .setUnit("mg/dL")
                    .setSystem("http://unitsofmeasure.org")
                    .setCode("mg/dL"));
            bundle.addEntry()
                    .setFullUrl("urn:uuid:" + UUID.randomUUID())
                    .setResource(glucose)
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl("Observation");
        }
        return bundle;
    }
}
