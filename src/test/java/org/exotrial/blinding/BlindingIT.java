package org.exotrial.blinding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exotrial.security.access.Role;
import org.exotrial.support.ArmMarkers;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/**
 * Blinding on the demo LAR trial (quadruple masking): a blinded analyst tries every path that returns resources and
 * must never see an arm, a product, a dose or a lot; an unblinded statistician sends the same requests and sees them,
 * which shows the markers are real.
 */
class BlindingIT extends ServerIT {

    private static final String STUDY = "ResearchStudy/lar-exosome-trial";
    private static final String PROCEDURE_CODE =
            "https://exotrial.org/fhir/CodeSystem/exotrial-procedure%7Cmsc-administration";

    /** The demo cohort's first participant of each arm of the trial. */
    private static final int EXOSOME = demoParticipant(STUDY, "Exosome", 0);

    private static final int PLACEBO = demoParticipant(STUDY, "Placebo", 0);

    /** Every path the leak test covers, by name; the closing note lists these. */
    private Map<String, String> paths() {
        String exosomeSubject = demoId(EXOSOME, "subject");
        String placeboSubject = demoId(PLACEBO, "subject");
        String placeboAdministration = demoId(PLACEBO, "administration");
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("read", "/ResearchSubject/" + exosomeSubject);
        paths.put("vread", "/ResearchSubject/" + placeboSubject + "/_history/1");
        paths.put("instance history", "/ResearchSubject/" + placeboSubject + "/_history");
        paths.put("search", "/ResearchSubject?study=" + STUDY + "&_count=50");
        // Page size 1: the trial has two demo participants on the shared server.
        paths.put("search, page 2", "PAGE2:/ResearchSubject?study=" + STUDY + "&_count=1");
        paths.put("read administration", "/Procedure/" + placeboAdministration);
        paths.put(
                "search administrations",
                "/Procedure?code=" + PROCEDURE_CODE + "&trial-study=" + STUDY + "&_count=100");
        paths.put(
                "_include",
                "/ResearchSubject?_id=" + exosomeSubject + "," + placeboSubject + "&_include=ResearchSubject:study");
        paths.put(
                "_revinclude",
                "/Patient?_id=" + demoId(EXOSOME, "patient") + "," + demoId(PLACEBO, "patient")
                        + "&_revinclude=ResearchSubject:individual&_revinclude=Procedure:subject");
        paths.put("_elements", "/ResearchSubject/" + placeboSubject + "?_elements=assignedArm,actualArm");
        paths.put("_summary=data", "/ResearchSubject?study=" + STUDY + "&_summary=data&_count=50");
        paths.put("_summary=true", "/Procedure/" + placeboAdministration + "?_summary=true");
        paths.put("$everything", "/Patient/" + demoId(PLACEBO, "patient") + "/$everything");
        paths.put("study", "/" + STUDY);
        paths.put("batch", "BATCH");
        paths.put("error (unknown version)", "/ResearchSubject/" + placeboSubject + "/_history/999");
        return paths;
    }

    @Test
    void aBlindedAnalystSeesNoArmOnAnyPath() throws Exception {
        Set<String> markers = ArmMarkers.of(fhir(Role.STATISTICIAN), STUDY);
        assertThat(markers).contains("\"Placebo\"", "\"Exosome\"", "PLACEBO-NS-2501");
        for (var path : paths().entrySet()) {
            HttpResponse<String> response = get(path.getValue(), Role.ANALYST);
            assertThat(response.statusCode()).as(path.getKey()).isIn(200, 404, 410);
            String everything = response.body() + response.headers().map();
            for (String marker : markers) {
                assertThat(everything).as(path.getKey() + " leaks " + marker).doesNotContain(marker);
            }
        }
    }

    @Test
    void anUnblindedStatisticianSeesTheArmsOnTheSamePaths() throws Exception {
        Map<String, String> paths = paths();
        for (String path :
                List.of("read", "vread", "search", "read administration", "_include", "$everything", "batch")) {
            String body = get(paths.get(path), Role.STATISTICIAN).body();
            assertThat(body).as(path).containsAnyOf("\"Placebo\"", "\"Exosome\"", "exotrial-msc-product-type");
        }
    }

    @Test
    void maskedResourcesAreLabelledAndCountsStayTrue() throws Exception {
        ResearchSubject subject = fhir(Role.ANALYST)
                .read()
                .resource(ResearchSubject.class)
                .withId(demoId(EXOSOME, "subject"))
                .execute();
        assertThat(subject.hasAssignedArm()).isFalse();
        assertThat(subject.getMeta()
                        .getSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "REDACTED"))
                .isNotNull();
        Bundle count = fhir(Role.ANALYST)
                .search()
                .byUrl("ResearchSubject?study=" + STUDY + "&_summary=count")
                .returnBundle(Bundle.class)
                .execute();
        // The demo participants allocated to the trial (the cohort's first seven: one per arm); other tests add none.
        assertThat(count.getTotal()).isEqualTo(2);
    }

    @Test
    void searchingByArmIsRefusedWhateverTheData() throws Exception {
        List<String> refused = List.of(
                "/ResearchSubject?arm=Exosome",
                "/ResearchSubject?arm=NoSuchArm",
                "/ResearchSubject?arm:exact=Placebo",
                "/ResearchSubject?actual-arm=Placebo",
                "/ResearchSubject?_sort=-arm",
                "/Patient?_has:ResearchSubject:individual:arm=Exosome",
                "/Procedure?product-type=placebo",
                "/Procedure?particle-dose=gt0",
                "/Procedure?_text=saline");
        List<String> bodies = new ArrayList<>();
        for (String path : refused) {
            HttpResponse<String> response = get(path, Role.ANALYST);
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            assertThat(response.body()).as(path).contains("OperationOutcome");
            bodies.add(response.body().replaceAll("'[^']*'", "''"));
        }
        // An arm that exists and one that does not get the same answer: the refusal says nothing about the data.
        assertThat(bodies.get(0)).isEqualTo(bodies.get(1));

        HttpResponse<String> conditional = send(request("/ResearchSubject", Role.EHR)
                .header("Content-Type", "application/fhir+json")
                .header("If-None-Exist", "arm=Placebo&identifier=x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"ResearchSubject\"}")));
        assertThat(conditional.statusCode()).isEqualTo(403);

        assertThat(get("/ResearchSubject?arm=Placebo", Role.STATISTICIAN).statusCode())
                .isEqualTo(200);
    }

    @Test
    void unblindingAStudyShowsItsArmsToAnalysts() throws Exception {
        String id = unique("masked-study").substring(0, 40);
        ResearchStudy study = fhir().read()
                .resource(ResearchStudy.class)
                .withId("lar-exosome-trial")
                .execute();
        study.setId(id);
        study.getIdentifier().forEach(identifier -> identifier.setValue(identifier.getValue() + "-" + id));
        fhir().update().resource(study).execute();
        ResearchSubject subject = fhir().read()
                .resource(ResearchSubject.class)
                .withId(demoId(PLACEBO, "subject"))
                .execute();
        subject.setId(id + "-s");
        subject.getStudy().setReference("ResearchStudy/" + id);
        // Its own patient, so the demo patients' compartments keep only masked-study subjects.
        org.hl7.fhir.r4.model.Patient patient = new org.hl7.fhir.r4.model.Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("mrn"));
        subject.getIndividual()
                .setReference(fhir().create()
                        .resource(patient)
                        .execute()
                        .getId()
                        .toUnqualifiedVersionless()
                        .getValue());
        subject.getIdentifier().forEach(identifier -> identifier.setValue(unique("subject")));
        fhir().update().resource(subject).execute();

        assertThat(get("/ResearchSubject/" + id + "-s", Role.ANALYST).body()).doesNotContain("\"Placebo\"");
        HttpResponse<String> refused = send(
                request("/ResearchStudy/" + id + "/$unblind", Role.ANALYST).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(refused.statusCode()).isEqualTo(403);

        HttpResponse<String> unblinded = send(
                request("/ResearchStudy/" + id + "/$unblind", Role.ADMIN).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(unblinded.statusCode()).isEqualTo(200);
        assertThat(get("/ResearchSubject/" + id + "-s", Role.ANALYST).body()).contains("\"Placebo\"");
        // The demo trial stays masked.
        assertThat(get("/ResearchSubject/" + demoId(PLACEBO, "subject"), Role.ANALYST)
                        .body())
                .doesNotContain("\"Placebo\"");
    }

    private HttpResponse<String> get(String path, Role role) throws Exception {
        if (path.equals("BATCH")) {
            String batch =
                    """
                    {"resourceType":"Bundle","type":"batch","entry":[
                      {"request":{"method":"GET","url":"ResearchSubject/%s"}},
                      {"request":{"method":"GET","url":"Procedure/%s"}}]}"""
                            .formatted(demoId(PLACEBO, "subject"), demoId(PLACEBO, "administration"));
            return send(request("", role)
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(batch)));
        }
        if (path.startsWith("PAGE2:")) {
            Bundle first = fhir(role)
                    .search()
                    .byUrl(path.substring(7))
                    .returnBundle(Bundle.class)
                    .execute();
            String next = first.getLink("next").getUrl();
            return send(anonymousRequest("")
                    .uri(java.net.URI.create(next))
                    .header("Authorization", "Bearer " + token(role)));
        }
        return send(request(path, role));
    }
}
