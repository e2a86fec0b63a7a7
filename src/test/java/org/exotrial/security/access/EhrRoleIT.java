package org.exotrial.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;

/**
 * The {@code ehr} role does an interface engine's job: it looks a patient up before it writes, writes whatever a
 * hospital record holds, reads back what it wrote (blinded), and is told in one answer everything it may not do.
 */
class EhrRoleIT extends ServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void looksUpThePatientThenWrites() throws Exception {
        String mrn = unique("ehr-lookup");
        HttpResponse<String> created = post("/Patient", patient(mrn));
        assertThat(created.statusCode()).isEqualTo(201);

        HttpResponse<String> found = send(request("/Patient?identifier=" + MRN + "%7C" + mrn, Role.EHR));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(found.body()).path("total").asInt()).isEqualTo(1);
        String patientId =
                JSON.readTree(found.body()).at("/entry/0/resource/id").asText();

        String encounter =
                """
                {"resourceType":"Encounter","status":"finished","class":{"system":\
                "http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},"subject":{"reference":"Patient/%s"}}"""
                        .formatted(patientId);
        assertThat(post("/Encounter", encounter).statusCode()).isEqualTo(201);
        HttpResponse<String> encounters = send(request("/Encounter?subject=Patient/" + patientId, Role.EHR));
        assertThat(encounters.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(encounters.body()).path("total").asInt()).isEqualTo(1);
    }

    @Test
    void storesTheHospitalRecordTypesOutsideTheTrial() throws Exception {
        String mrn = unique("ehr-immunization");
        String immunization =
                """
                {"fullUrl":"urn:uuid:i1","resource":{"resourceType":"Immunization","status":"completed",
                  "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"140"}]},
                  "patient":{"reference":"urn:uuid:p1"},"occurrenceDateTime":"2026-01-05T10:00:00Z"},
                 "request":{"method":"POST","url":"Immunization"}}""";
        HttpResponse<String> response = postWithPatient(mrn, immunization);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        HttpResponse<String> search = send(request("/Immunization?patient.identifier=" + MRN + "%7C" + mrn, Role.EHR));
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        assertThat(JSON.readTree(search.body()).path("total").asInt()).isEqualTo(1);
    }

    @Test
    void readsAndSearchesBlinded() throws Exception {
        HttpResponse<String> subject = send(
                request("/ResearchSubject/" + demoId(demoParticipant(LAR_TRIAL, "Exosome", 0), "subject"), Role.EHR));
        assertThat(subject.statusCode()).isEqualTo(200);
        assertThat(subject.body()).doesNotContain("assignedArm").contains("REDACTED");
        HttpResponse<String> search =
                send(request("/ResearchSubject?study=ResearchStudy/lar-exosome-trial&_count=50", Role.EHR));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).doesNotContain("assignedArm").doesNotContain("\"Placebo\"");
        HttpResponse<String> byArm = send(request("/ResearchSubject?arm=Placebo", Role.EHR));
        assertThat(byArm.statusCode()).isEqualTo(403);
    }

    @Test
    void aRefusedTransactionNamesEveryForbiddenTypeAndWritesNothing() throws Exception {
        String mrn = unique("ehr-refused");
        String forbidden =
                """
                {"resource":{"resourceType":"ResearchStudy","status":"active"},
                 "request":{"method":"POST","url":"ResearchStudy"}},
                {"resource":{"resourceType":"Basic","code":{"text":"x"}},"request":{"method":"POST","url":"Basic"}},
                {"resource":{"resourceType":"ResearchStudy","status":"active"},
                 "request":{"method":"POST","url":"ResearchStudy"}},
                {"request":{"method":"DELETE","url":"Patient/fistula-patient"}}""";
        HttpResponse<String> response = postWithPatient(mrn, forbidden);
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode issues = JSON.readTree(response.body()).path("issue");
        assertThat(issues).hasSize(3);
        assertThat(issues.get(0).path("diagnostics").asText())
                .startsWith("2 entries: The ehr role may not create ResearchStudy");
        assertThat(issues.get(0).path("expression").toString()).contains("Bundle.entry[1]", "Bundle.entry[3]");
        assertThat(issues.get(1).path("diagnostics").asText()).contains("may not create Basic");
        assertThat(issues.get(2).path("diagnostics").asText()).contains("may not delete Patient");
        assertThat(issues.get(2).path("expression").toString()).contains("Bundle.entry[4]");
        assertThat(patientsWithMrn(mrn)).isEmpty();
    }

    @Test
    void directRefusalsSayWhyAndHow() throws Exception {
        HttpResponse<String> study =
                post("/ResearchStudy", "{\"resourceType\":\"ResearchStudy\",\"status\":\"active\"}");
        assertThat(study.statusCode()).isEqualTo(403);
        assertThat(study.body())
                .contains("The ehr role may not create ResearchStudy")
                .doesNotContain("HAPI-0333");

        HttpResponse<String> everything = send(request("/_history", Role.EHR));
        // Refused before HAPI looks at the types: "search one resource type at a time".
        assertThat(everything.statusCode()).isEqualTo(403);
        assertThat(everything.body()).contains("search one resource type at a time");

        HttpResponse<String> subscriptions = send(request("/Subscription", Role.EHR));
        assertThat(subscriptions.statusCode()).isEqualTo(403);
        assertThat(subscriptions.body()).contains("may not search Subscription");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return send(request(path, Role.EHR)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A transaction of a Patient with this MRN ({@code urn:uuid:p1}) followed by the given entries, as the EHR. */
    private HttpResponse<String> postWithPatient(String mrn, String entries) throws Exception {
        return post(
                "",
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":\"urn:uuid:p1\","
                        + "\"resource\":" + patient(mrn) + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                        + entries + "]}");
    }

    private static String patient(String mrn) {
        return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + MRN + "\",\"value\":\"" + mrn + "\"}]}";
    }
}
