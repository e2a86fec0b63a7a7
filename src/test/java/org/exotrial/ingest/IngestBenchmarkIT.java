package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.util.Terser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.exotrial.ingest.hl7v2.V2Clients;
import org.exotrial.ingest.hl7v2.V2Fixtures;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ingest throughput on this machine; not part of {@code mvn verify}. Run with
 * {@code mvn -B -Dit.test=IngestBenchmarkIT -Dit.excludedGroups=none -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false verify}.
 * Prints, and writes to target/benchmarks/ingest.md: v2 messages/s over one and four MLLP connections (each ORU^R01
 * carries two results) and FHIR transaction resources/s.
 */
@Tag("benchmark")
class IngestBenchmarkIT extends ServerIT {

    static final int WARMUP = 50;
    static final int MESSAGES = 600;
    static final int BUNDLES = 20;
    static final int BUNDLE_SIZE = 250;

    @Test
    void measure() throws Exception {
        List<String> patients = new ArrayList<>();
        List<TrialFixture> trials = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TrialFixture trial = TrialFixture.unique();
            fhir().transaction().withBundle(trial.bundle(FHIR)).execute();
            patients.add(trial.mrn());
            trials.add(trial);
        }
        v2(patients, 1, WARMUP);
        double one = v2(patients, 1, MESSAGES);
        double four = v2(patients, 4, MESSAGES);
        double fhirOne = fhirTransactions(trials.get(0), 1);
        double fhirFour = fhirTransactions(trials.get(1), 4);

        String report = String.format(
                "| v2 ORU^R01 (2 OBX), 1 MLLP connection | %d messages | %.1f messages/s |%n"
                        + "| v2 ORU^R01 (2 OBX), 4 MLLP connections | %d messages | %.1f messages/s |%n"
                        + "| FHIR transaction, %d Observations each, 1 client | %d resources | %.1f resources/s |%n"
                        + "| FHIR transaction, %d Observations each, 4 clients | %d resources | %.1f resources/s |%n",
                MESSAGES,
                one,
                MESSAGES,
                four,
                BUNDLE_SIZE,
                BUNDLES * BUNDLE_SIZE,
                fhirOne,
                BUNDLE_SIZE,
                BUNDLES * BUNDLE_SIZE,
                fhirFour);
        System.out.println(report);
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/ingest.md"), report);
    }

    /** Sends {@code count} distinct ORU^R01 over {@code connections} MLLP connections; messages per second. */
    private double v2(List<String> patients, int connections, int count) throws Exception {
        List<List<String>> perConnection = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            perConnection.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            String message = V2Fixtures.load(
                    "oru-serum-il6-tnf.hl7",
                    Map.of(
                            "MRN", patients.get(i % patients.size()),
                            "MSGID", UUID.randomUUID().toString(),
                            "FILLER", "B-" + UUID.randomUUID()));
            perConnection.get(i % connections).add(message);
        }
        var pool = Executors.newFixedThreadPool(connections);
        List<Callable<Void>> work = new ArrayList<>();
        for (List<String> messages : perConnection) {
            work.add(() -> {
                try (HapiContext context = V2Clients.newContext()) {
                    var connection = context.newClient("localhost", MLLP_PORT, false);
                    connection.getInitiator().setTimeout(120, TimeUnit.SECONDS);
                    for (String m : messages) {
                        var ack = connection
                                .getInitiator()
                                .sendAndReceive(context.getPipeParser().parse(m));
                        assertThat(new Terser(ack).get("/MSA-1")).isEqualTo("AA");
                    }
                }
                return null;
            });
        }
        long start = System.nanoTime();
        for (var f : pool.invokeAll(work)) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return count / seconds;
    }

    /** {@link #BUNDLES} transactions of conditional creates keyed on identifiers; resources per second. */
    private double fhirTransactions(TrialFixture trial, int clients) throws Exception {
        String mrn = trial.mrn();
        Patient patient = (Patient) fhir().search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier("https://exotrial.org/fhir/sid/mrn", mrn))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        var study = fhir().search()
                .forResource(org.hl7.fhir.r4.model.ResearchStudy.class)
                .where(org.hl7.fhir.r4.model.ResearchStudy.IDENTIFIER
                        .exactly()
                        .systemAndIdentifier("https://exotrial.org/fhir/sid/study", trial.study()))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .toUnqualifiedVersionless();
        List<Bundle> bundles = new ArrayList<>();
        for (int b = 0; b < BUNDLES; b++) {
            Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            for (int i = 0; i < BUNDLE_SIZE; i++) {
                String id = "bench-" + UUID.randomUUID();
                Observation o = new Observation();
                o.getMeta().addProfile("https://exotrial.org/fhir/StructureDefinition/exotrial-il6");
                o.addExtension(
                        "https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference", new Reference(study));
                o.addIdentifier()
                        .setSystem("https://exotrial.org/fhir/sid/filler-order-number")
                        .setValue(id);
                o.setStatus(Observation.ObservationStatus.FINAL);
                o.addCategory()
                        .addCoding()
                        .setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
                        .setCode("laboratory");
                o.getCode().addCoding().setSystem("http://loinc.org").setCode("26881-3");
                o.setSubject(new Reference(patient.getIdElement().toUnqualifiedVersionless()));
                o.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2025-01-12T07:00:00+03:30"));
                o.setValue(new Quantity()
                        .setValue(100 + i)
                        .setUnit("pg/mL")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("pg/mL"));
                tx.addEntry()
                        .setFullUrl("urn:uuid:" + UUID.randomUUID())
                        .setResource(o)
                        .getRequest()
                        .setMethod(HTTPVerb.POST)
                        .setUrl("Observation")
                        .setIfNoneExist("identifier=https://exotrial.org/fhir/sid/filler-order-number|" + id);
            }
            bundles.add(tx);
        }
        var pool = Executors.newFixedThreadPool(clients);
        List<Callable<Void>> work = new ArrayList<>();
        for (Bundle tx : bundles) {
            work.add(() -> {
                fhir().transaction().withBundle(tx).execute();
                return null;
            });
        }
        long start = System.nanoTime();
        for (var f : pool.invokeAll(work)) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return BUNDLES * BUNDLE_SIZE / seconds;
    }
}
