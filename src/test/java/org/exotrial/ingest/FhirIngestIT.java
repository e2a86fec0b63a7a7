package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The FHIR transaction path as an interface engine uses it: resends, races, limits and precise rejections. */
class FhirIngestIT extends ServerIT {

    private static final String MRN = "https://exotrial.org/fhir/sid/mrn";

    /** The default {@code exotrial.ingest.max-request-size}, in MB. */
    private static final long DEFAULT_MAX_REQUEST_MB = 128;

    private HttpResponse<String> postTransaction(String json) throws Exception {
        return send(request("")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private int count(Class<? extends Resource> type, String identifierSystem, String value) {
        return fhir().search()
                .forResource(type)
                .where(new ca.uhn.fhir.rest.gclient.TokenClientParam("identifier")
                        .exactly()
                        .systemAndIdentifier(identifierSystem, value))
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .size();
    }

    @Test
    void theSameBundleTwentyTimesInParallelStoresOneCopyOfEach() throws Exception {
        TrialFixture trial = TrialFixture.unique();
        String json = trial.json();
        var pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sends.add(() -> postTransaction(json).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(sends)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(Patient.class, MRN, trial.mrn())).isEqualTo(1);
        assertThat(count(ResearchStudy.class, "https://exotrial.org/fhir/sid/study", trial.study()))
                .isEqualTo(1);
        assertThat(count(ResearchSubject.class, "https://exotrial.org/fhir/sid/subject-number", trial.subject()))
                .isEqualTo(1);
        assertThat(count(Procedure.class, "https://exotrial.org/fhir/sid/resource", "lar-" + trial.mrn()))
                .isEqualTo(1);
    }

    @Test
    void concurrentVersionedUpdatesLoseNothing() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("if-match"));
        String id = fhir().create().resource(patient).execute().getId().getIdPart();
        var pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<HttpResponse<String>>> updates = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Patient changed = patient.copy();
                changed.setId(id);
                changed.addName().setFamily("Writer" + i);
                String body = FHIR.newJsonParser().encodeResourceToString(changed);
                updates.add(() -> send(request("/Patient/" + id)
                        .header("Content-Type", "application/fhir+json")
                        .header("If-Match", "W/\"1\"")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))));
            }
            for (Future<HttpResponse<String>> response : pool.invokeAll(updates)) {
                statuses.add(response.get().statusCode());
                if (response.get().statusCode() >= 400) {
                    assertThat(response.get().body()).contains("OperationOutcome");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(1);
        assertThat(statuses.stream().filter(s -> s == 412)).hasSize(7);
        Patient stored = fhir().read().resource(Patient.class).withId(id).execute();
        assertThat(stored.getMeta().getVersionId()).isEqualTo("2");
        assertThat(stored.getName()).hasSize(1);
    }

    @Test
    void aBundleWithOneBadEntryIsRefusedNamingTheEntryAndStoresNothing() throws Exception {
        TrialFixture trial = TrialFixture.unique();
        Bundle bundle = trial.bundle(FHIR);
        Observation orphan = new Observation();
        orphan.setStatus(Observation.ObservationStatus.FINAL);
        orphan.getCode().addCoding().setSystem("http://loinc.org").setCode("26881-3");
        orphan.getSubject().setReference("Patient/does-not-exist-" + trial.mrn());
        bundle.addEntry()
                .setFullUrl("urn:uuid:00000000-0000-4000-8000-0000000000ff")
                .setResource(orphan)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Observation");

        var response = postTransaction(FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body())
                .contains("OperationOutcome")
                .contains("Bundle.entry[4]")
                .contains("urn:uuid:00000000-0000-4000-8000-0000000000ff");
        assertThat(count(Patient.class, MRN, trial.mrn())).isZero();
    }

    @Test
    void aNonConformingEntryIsRefusedWith422NamingTheEntryAndTheElement() throws Exception {
        TrialFixture trial = TrialFixture.unique();
        Bundle bundle = trial.bundle(FHIR);
        Observation il6 = new Observation();
        il6.addExtension(
                "https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference",
                new org.hl7.fhir.r4.model.Reference("urn:uuid:00000000-0000-4000-8000-000000000001"));
        il6.setStatus(Observation.ObservationStatus.FINAL);
        il6.addCategory()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                .setCode("laboratory");
        il6.getCode().addCoding().setSystem("http://loinc.org").setCode("26881-3");
        il6.getSubject().setReference("urn:uuid:00000000-0000-4000-8000-000000000002");
        il6.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2025-01-12T07:00:00+03:30"));
        // IL-6 must be in pg/mL (exotrial-pg-per-ml).
        il6.setValue(new org.hl7.fhir.r4.model.Quantity()
                .setValue(1.2)
                .setSystem("http://unitsofmeasure.org")
                .setCode("mg/L"));
        bundle.addEntry()
                .setFullUrl("urn:uuid:00000000-0000-4000-8000-0000000000ee")
                .setResource(il6)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Observation");

        var response = postTransaction(FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body())
                .contains("Bundle.entry[4]")
                .contains("urn:uuid:00000000-0000-4000-8000-0000000000ee")
                .contains("Observation.value");
        assertThat(count(Patient.class, MRN, trial.mrn())).isZero();
    }

    @Test
    void aBundleOfOneThousandEntriesIsStored() throws Exception {
        String batch = unique("thousand");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 1000; i++) {
            Basic basic = new Basic();
            basic.addIdentifier()
                    .setSystem("https://exotrial.org/fhir/sid/test-" + batch)
                    .setValue("b" + i);
            basic.getCode().setText("ingest test");
            bundle.addEntry()
                    .setResource(basic)
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl("Basic");
        }

        var response = postTransaction(FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(FHIR.newJsonParser()
                        .parseResource(Bundle.class, response.body())
                        .getEntry())
                .hasSize(1000);
    }

    @Test
    void aBodyAboveTheSizeLimitGets413BeforeItIsSent() throws Exception {
        // A raw socket, as an interface engine's HTTP stack would do it: headers announcing 1 MB more than the default
        // limit, Expect: 100-continue, and the answer read before a byte of the body is sent.
        try (var socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST /fhir HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/fhir+json\r\n"
                    + "Authorization: Bearer " + token(org.exotrial.security.access.Role.ADMIN) + "\r\n"
                    + "Content-Length: " + ((DEFAULT_MAX_REQUEST_MB + 1) * 1024 * 1024)
                    + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var in = socket.getInputStream();
            var received = new StringBuilder();
            byte[] buffer = new byte[4096];
            for (int n; !received.toString().endsWith("}]}") && (n = in.read(buffer)) > 0; ) {
                received.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
            }
            String response = received.toString();

            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response)
                    .contains("OperationOutcome")
                    .contains("\"too-long\"")
                    .contains("The request body has " + ((DEFAULT_MAX_REQUEST_MB + 1) * 1024 * 1024) + " bytes")
                    .contains("exotrial.ingest.max-request-size = " + DEFAULT_MAX_REQUEST_MB + "MB")
                    .contains("EXOTRIAL_INGEST_MAX_REQUEST_SIZE");
        }
    }
}
