package org.exotrial.blinding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
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

    /** Every path the leak test covers; the closing note lists these. */
    private static final Map<String, String> PATHS = paths();

    private static Map<String, String> paths() {
        Map<String, String> paths = new LinkedHashMap<>();
        paths.put("read", "/ResearchSubject/lar-01-subject");
        paths.put("vread", "/ResearchSubject/lar-02-subject/_history/1");
        paths.put("instance history", "/ResearchSubject/lar-02-subject/_history");
        paths.put("search", "/ResearchSubject?study=" + STUDY + "&_count=50");
        paths.put("search, page 2", "PAGE2:/ResearchSubject?study=" + STUDY + "&_count=3");
        paths.put("read administration", "/Procedure/lar-02-administration");
        paths.put(
                "search administrations",
                "/Procedure?code=" + PROCEDURE_CODE + "&trial-study=" + STUDY + "&_count=100");
        paths.put("_include", "/ResearchSubject?_id=lar-01-subject,lar-02-subject&_include=ResearchSubject:study");
        paths.put(
                "_revinclude",
                "/Patient?_id=lar-01-patient,lar-02-patient&_revinclude=ResearchSubject:individual"
                        + "&_revinclude=Procedure:subject");
        paths.put("_elements", "/ResearchSubject/lar-02-subject?_elements=assignedArm,actualArm");
        paths.put("_summary=data", "/ResearchSubject?study=" + STUDY + "&_summary=data&_count=50");
        paths.put("_summary=true", "/Procedure/lar-02-administration?_summary=true");
        paths.put("$everything", "/Patient/lar-02-patient/$everything");
        paths.put("study", "/" + STUDY);
        paths.put("batch", "BATCH");
        paths.put("error (unknown version)", "/ResearchSubject/lar-02-subject/_history/999");
        return paths;
    }

    @Test
    void aBlindedAnalystSeesNoArmOnAnyPath() throws Exception {
        Set<String> markers = armMarkers();
        assertThat(markers).contains("\"Placebo\"", "\"Exosome\"", "PLACEBO-NS-2501");
        for (var path : PATHS.entrySet()) {
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
        for (String path :
                List.of("read", "vread", "search", "read administration", "_include", "$everything", "batch")) {
            String body = get(PATHS.get(path), Role.STATISTICIAN).body();
            assertThat(body).as(path).containsAnyOf("\"Placebo\"", "\"Exosome\"", "exotrial-msc-product-type");
        }
    }

    @Test
    void maskedResourcesAreLabelledAndCountsStayTrue() throws Exception {
        ResearchSubject subject = fhir(Role.ANALYST)
                .read()
                .resource(ResearchSubject.class)
                .withId("lar-01-subject")
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
        // The guide's 20 participants plus the generated demo participants allocated to the trial.
        assertThat(count.getTotal()).isBetween(20, 20 + DEMO_COHORT_SIZE);
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
                .withId("lar-02-subject")
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
        assertThat(get("/ResearchSubject/lar-02-subject", Role.ANALYST).body()).doesNotContain("\"Placebo\"");
    }

    /** The arm names, product types, lots and doses of the demo LAR trial, as the statistician sees them. */
    private Set<String> armMarkers() {
        Set<String> markers = new TreeSet<>(List.of(
                "assignedArm",
                "actualArm",
                "exotrial-msc-product-type",
                "exotrial-particle-dose",
                "exotrial-lot-number",
                "exotrial-dose-number",
                "exotrial-source-tissue"));
        Bundle subjects = fhir(Role.STATISTICIAN)
                .search()
                .byUrl("ResearchSubject?study=" + STUDY + "&_count=50")
                .returnBundle(Bundle.class)
                .execute();
        subjects.getEntry()
                .forEach(e -> markers.add("\"" + ((ResearchSubject) e.getResource()).getAssignedArm() + "\""));
        Bundle administrations = fhir(Role.STATISTICIAN)
                .search()
                .byUrl("Procedure?code=" + PROCEDURE_CODE + "&trial-study=" + STUDY + "&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        for (var entry : administrations.getEntry()) {
            for (Extension extension : ((Procedure) entry.getResource()).getExtension()) {
                if (extension.getUrl().endsWith("lot-number")) {
                    markers.add(extension.getValue().primitiveValue());
                }
                if (extension.getUrl().endsWith("product-type")) {
                    markers.add("\""
                            + ((org.hl7.fhir.r4.model.CodeableConcept) extension.getValue())
                                    .getCodingFirstRep()
                                    .getCode()
                            + "\"");
                }
                if (extension.getUrl().endsWith("particle-dose")) {
                    markers.add(((Quantity) extension.getValue()).getValue().toPlainString());
                }
            }
        }
        return markers;
    }

    private HttpResponse<String> get(String path, Role role) throws Exception {
        if (path.equals("BATCH")) {
            String batch =
                    """
                    {"resourceType":"Bundle","type":"batch","entry":[
                      {"request":{"method":"GET","url":"ResearchSubject/lar-02-subject"}},
                      {"request":{"method":"GET","url":"Procedure/lar-02-administration"}}]}""";
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
