package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class TransactionIT extends ServerIT {

    @Test
    void transactionCreatesEverythingAndResolvesReferences() {
        String mrn = unique("tx-ok");
        Bundle tx = patientWithObservation(mrn, new Reference("urn:uuid:patient-1"));

        Bundle response = fhir().transaction().withBundle(tx).execute();

        assertThat(response.getEntry()).hasSize(2);
        assertThat(response.getEntry())
                .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        Bundle observations = fhir().search()
                .forResource(Observation.class)
                .where(Observation.SUBJECT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN, mrn)))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(observations.getEntry()).hasSize(1);
    }

    @Test
    void transactionWithOneInvalidEntryStoresNothing() throws Exception {
        String mrn = unique("tx-bad");
        // The second entry points at a patient that does not exist: referential integrity fails the whole bundle.
        Bundle tx = patientWithObservation(mrn, new Reference("Patient/does-not-exist-" + mrn));
        String body = FHIR.newJsonParser().encodeResourceToString(tx);

        var response = send(request("")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).contains("OperationOutcome");
        assertThat(patientsWithMrn(mrn)).isEmpty();
    }

    @Test
    void transactionWithAnUnparseableEntryIsRejectedWith400() throws Exception {
        String mrn = unique("tx-parse");

        var response = postTransactionWithPatient(
                mrn,
                """
                {"resource":{"resourceType":"Observation","status":"not-a-status",
                   "code":{"text":"x"}},"request":{"method":"POST","url":"Observation"}}
                """);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").contains("not-a-status");
        assertThat(patientsWithMrn(mrn)).isEmpty();
    }

    @Test
    void batchEntriesSucceedOrFailIndependently() {
        String mrn = unique("batch");
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        batch.addEntry()
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        batch.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Patient/does-not-exist-" + mrn);

        Bundle response = fhir().transaction().withBundle(batch).execute();

        assertThat(response.getEntry().get(0).getResponse().getStatus()).startsWith("201");
        assertThat(response.getEntry().get(1).getResponse().getStatus()).startsWith("404");
    }

    private static Bundle patientWithObservation(String mrn, Reference subject) {
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        tx.addEntry()
                .setFullUrl("urn:uuid:patient-1")
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient")
                .setIfNoneExist("identifier=" + MRN + "|" + mrn);
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        observation.setSubject(subject);
        tx.addEntry()
                .setResource(observation)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        return tx;
    }
}
