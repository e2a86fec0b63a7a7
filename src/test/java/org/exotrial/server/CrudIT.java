package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.net.http.HttpRequest;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class CrudIT extends ServerIT {

    @Test
    void createReadUpdateDeleteWithVersionHistory() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("crud"));
        patient.addName().setFamily("Rostami");

        MethodOutcome created = fhir().create().resource(patient).execute();
        assertThat(created.getCreated()).isTrue();
        var id = created.getId().toUnqualifiedVersionless();
        assertThat(created.getId().getVersionIdPart()).isEqualTo("1");

        Patient read = fhir().read().resource(Patient.class).withId(id).execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Rostami");

        read.getNameFirstRep().setFamily("Rostami-Karimi");
        MethodOutcome updated = fhir().update().resource(read).execute();
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

        Patient v1 = fhir().read()
                .resource(Patient.class)
                .withIdAndVersion(id.getIdPart(), "1")
                .execute();
        assertThat(v1.getNameFirstRep().getFamily()).isEqualTo("Rostami");

        Bundle history =
                fhir().history().onInstance(id).returnBundle(Bundle.class).execute();
        assertThat(history.getEntry()).hasSize(2);

        fhir().delete().resourceById(id).execute();
        assertThatThrownBy(
                        () -> fhir().read().resource(Patient.class).withId(id).execute())
                .isInstanceOf(ResourceGoneException.class);
    }

    @Test
    void updateWithStaleIfMatchIsRefusedAndKeepsTheNewerVersion() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("etag"));
        var id = fhir().create().resource(patient).execute().getId().toUnqualifiedVersionless();

        patient.setId(id);
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        fhir().update().resource(patient).withId(id).execute(); // now version 2

        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);
        var stale = request("/Patient/" + id.getIdPart())
                .header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"1\"")
                .PUT(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(patient)));
        var response = send(stale);
        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).contains("OperationOutcome").contains("not the current version");

        Patient current = fhir().read().resource(Patient.class).withId(id).execute();
        assertThat(current.getMeta().getVersionId()).isEqualTo("2");
        assertThat(current.getGender().toCode()).isEqualTo("female");
    }

    @Test
    void updateWithIfMatchOfAResourceThatDoesNotExistIsRefusedAndCreatesNothing() throws Exception {
        String id = unique("none").substring(0, 40);
        var response = send(request("/Patient/" + id)
                .header("Content-Type", "application/fhir+json")
                .header("If-Match", "W/\"3\"")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}")));
        assertThat(response.statusCode()).isEqualTo(412);
        assertThat(response.body()).contains("does not exist");
        assertThat(send(request("/Patient/" + id).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void readReturnsETagAndLastModified() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("headers"));
        var id = fhir().create().resource(patient).execute().getId();

        var response = send(request("/Patient/" + id.getIdPart()).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValue("W/\"1\"");
        assertThat(response.headers().firstValue("Last-Modified")).isPresent();
    }

    @Test
    void conditionalCreateReturnsTheExistingResource() {
        String mrn = unique("cond-create");
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);

        MethodOutcome first = fhir().create()
                .resource(patient)
                .conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN, mrn))
                .execute();
        MethodOutcome second = fhir().create()
                .resource(patient)
                .conditional()
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN, mrn))
                .execute();

        assertThat(first.getCreated()).isTrue();
        assertThat(second.getCreated()).isNotEqualTo(Boolean.TRUE);
        assertThat(second.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
    }

    @Test
    void conditionalUpdateCreatesThenUpdatesByIdentifier() {
        String mrn = unique("cond-update");
        String url = "Patient?identifier=" + MRN + "|" + mrn;
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.addName().setFamily("First");

        MethodOutcome created =
                fhir().update().resource(patient).conditionalByUrl(url).execute();
        patient.getNameFirstRep().setFamily("Second");
        MethodOutcome updated =
                fhir().update().resource(patient).conditionalByUrl(url).execute();

        assertThat(created.getCreated()).isTrue();
        assertThat(updated.getId().getIdPart()).isEqualTo(created.getId().getIdPart());
        assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");
        Patient read = fhir().read()
                .resource(Patient.class)
                .withId(created.getId().getIdPart())
                .execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Second");
    }

    @Test
    void conditionalDeleteRemovesTheMatch() {
        String mrn = unique("cond-delete");
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        fhir().create().resource(patient).execute();

        fhir().delete()
                .resourceConditionalByUrl("Patient?identifier=" + MRN + "|" + mrn)
                .execute();

        assertThat(patientsWithMrn(mrn)).isEmpty();
    }
}
