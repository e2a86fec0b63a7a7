package org.exotrial.blinding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/**
 * Searching by arm while the demo LAR trial is masked: a blinded analyst may compare the open secretome route study by
 * route, product and dose when the search is limited to it, and is refused, with how to narrow the search, whenever a
 * masked study could contribute a single resource.
 */
class NarrowedArmSearchIT extends ServerIT {

    private static final String SECRETOME = "ResearchStudy/secretome-route-study";
    private static final String LAR = "ResearchStudy/lar-exosome-trial";
    private static final String INTRAVENOUS = "http://snomed.info/sct%7C47625008";
    private static final String INTRAPERITONEAL = "http://snomed.info/sct%7C38239002";
    private static final String STUDY_REFERENCE =
            "https://exotrial.org/fhir/StructureDefinition/exotrial-study-reference";
    private static final String ROUTE = "https://exotrial.org/fhir/StructureDefinition/exotrial-route";

    /** Demo participants of the secretome study (two given it intravenously, one topically) and of the LAR trial. */
    private static final int INTRAVENOUS_1 = demoParticipant(SECRETOME, "Intravenous secretome", 0);

    private static final int INTRAVENOUS_2 = demoParticipant(SECRETOME, "Intravenous secretome", 1);
    private static final int TOPICAL = demoParticipant(SECRETOME, "Topical secretome", 0);
    private static final int EXOSOME = demoParticipant(LAR, "Exosome", 0);
    private static final int PLACEBO = demoParticipant(LAR, "Placebo", 0);

    @Test
    void aBlindedAnalystComparesTheOpenStudyByRoute() throws Exception {
        for (String limit : List.of(
                "trial-study=" + SECRETOME,
                "trial-study=secretome-route-study",
                "trial-study:ResearchStudy=secretome-route-study",
                // two occurrences are ANDed: the first alone bounds the result
                "trial-study=" + SECRETOME + "&trial-study=" + SECRETOME + "," + LAR)) {
            Bundle found = search("/Procedure?" + limit + "&route=" + INTRAVENOUS + "&_count=100", Role.ANALYST);
            List<String> ids = ids(found);
            assertThat(ids)
                    .as(limit)
                    .contains(demoId(INTRAVENOUS_1, "administration"), demoId(INTRAVENOUS_2, "administration"))
                    .doesNotContain(demoId(TOPICAL, "administration"));
            for (Procedure procedure : procedures(found)) {
                assertThat(study(procedure)).isEqualTo(SECRETOME);
                // An open study is not redacted: the analyst sees the route it searched by.
                assertThat(procedure.getExtensionByUrl(ROUTE)).isNotNull();
                assertThat(procedure.getMeta().getSecurity()).isEmpty();
            }
        }
        for (String search : List.of(
                "product-type=https://exotrial.org/fhir/CodeSystem/exotrial-msc-product-type%7Csecretome",
                "dose-number=1",
                "source-tissue:not=https://exotrial.org/fhir/CodeSystem/exotrial-source-tissue%7Cbone-marrow",
                "particle-dose:missing=true",
                "_sort=-route")) {
            Bundle found = search("/Procedure?trial-study=" + SECRETOME + "&" + search + "&_count=100", Role.ANALYST);
            assertThat(ids(found)).as(search).contains(demoId(TOPICAL, "administration"));
            procedures(found).forEach(procedure -> assertThat(study(procedure)).isEqualTo(SECRETOME));
        }
        Bundle subjects = search("/ResearchSubject?study=" + SECRETOME + "&arm=Intravenous%20secretome", Role.ANALYST);
        assertThat(ids(subjects))
                .contains(demoId(INTRAVENOUS_1, "subject"), demoId(INTRAVENOUS_2, "subject"))
                .doesNotContain(demoId(TOPICAL, "subject"));
        subjects.getEntry().forEach(e -> assertThat(((ResearchSubject) e.getResource()).getAssignedArm())
                .isEqualTo("Intravenous secretome"));
    }

    @Test
    void aSearchAMaskedStudyCouldContributeToIsRefusedWithHowToNarrowIt() throws Exception {
        String route = "&route=" + INTRAVENOUS;
        List<String> refused = List.of(
                "/Procedure?route=" + INTRAVENOUS,
                "/Procedure?trial-study=" + LAR + route,
                "/Procedure?trial-study=" + SECRETOME + "," + LAR + route,
                "/Procedure?trial-study=secretome-route-study,lar-exosome-trial" + route,
                "/Procedure?trial-study=no-such-study" + route,
                "/Procedure?trial-study:missing=false" + route,
                "/Procedure?trial-study.status=completed" + route,
                "/Procedure?trial-study=http://localhost:" + port + "/fhir/" + SECRETOME + route,
                "/Procedure?trial-study=" + SECRETOME + "/_history/1" + route,
                "/Procedure?trial-study=" + SECRETOME + "&part-of:Procedure.route=" + INTRAVENOUS,
                "/Procedure?trial-study=" + SECRETOME + "&_text=intravenous",
                "/Procedure?trial-study=" + SECRETOME + "&_sort=route&_contained=true",
                "/Procedure?product-type=https://exotrial.org/fhir/CodeSystem/exotrial-msc-product-type%7Cplacebo",
                "/Patient?_has:Procedure:subject:route=" + INTRAVENOUS + "&_has:Procedure:subject:trial-study="
                        + SECRETOME,
                "/ResearchSubject?study=" + LAR + "&arm=Placebo",
                "/ResearchSubject?arm=Placebo");
        for (String path : refused) {
            HttpResponse<String> response = send(request(path, Role.ANALYST));
            assertThat(response.statusCode()).as(path).isEqualTo(403);
            String diagnostics = ((OperationOutcome) FHIR.newJsonParser().parseResource(response.body()))
                    .getIssueFirstRep()
                    .getDiagnostics();
            assertThat(diagnostics)
                    .as(path)
                    .contains("trial-study", "secretome-route-study", "Procedure?trial-study=ResearchStudy/")
                    // the masked studies are not the refusal's to name
                    .doesNotContain("lar-exosome-trial", "admire-cd-darvadstrocel");
        }

        String batch =
                """
                {"resourceType":"Bundle","type":"batch","entry":[
                  {"request":{"method":"GET","url":"Procedure?trial-study=%s&route=%s"}}]}"""
                        .formatted(SECRETOME, INTRAVENOUS);
        assertThat(send(request("", Role.ANALYST)
                                .header("Content-Type", "application/fhir+json")
                                .POST(HttpRequest.BodyPublishers.ofString(batch)))
                        .statusCode())
                .as("a batch entry is not a plain search")
                .isEqualTo(403);
    }

    @Test
    void theUnblindedStatisticianSearchesEveryStudyByRoute() throws Exception {
        Bundle found = search("/Procedure?route=" + INTRAPERITONEAL + "&_count=100", Role.STATISTICIAN);
        assertThat(ids(found)).contains(demoId(EXOSOME, "administration"), demoId(PLACEBO, "administration"));
        procedures(found).forEach(procedure -> assertThat(procedure.getExtensionByUrl(ROUTE))
                .isNotNull());
        assertThat(ids(search("/Procedure?route=" + INTRAVENOUS + "&_count=100", Role.STATISTICIAN)))
                .contains(demoId(INTRAVENOUS_1, "administration"));
    }

    /** The narrowed search is sound only if no record names an open study beside a masked one. */
    @Test
    void aRecordNamesOneStudy() throws Exception {
        String patient = fhir().create()
                .resource(new org.hl7.fhir.r4.model.Patient()
                        .addIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(MRN)
                                .setValue(unique("one-study"))))
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        Procedure procedure = new Procedure();
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("80146002");
        procedure.setSubject(new Reference(patient));
        procedure.addExtension(new Extension(STUDY_REFERENCE, new Reference(SECRETOME)));
        String oneStudy = FHIR.newJsonParser().encodeResourceToString(procedure);
        procedure.addExtension(new Extension(STUDY_REFERENCE, new Reference(LAR)));
        String twoStudies = FHIR.newJsonParser().encodeResourceToString(procedure);

        HttpResponse<String> refused = post("/Procedure", twoStudies);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("exotrial-study-reference");
        assertThat(post("/Procedure", oneStudy).statusCode()).isEqualTo(201);
        assertThat(ids(search("/Procedure?subject=" + patient, Role.ADMIN))).hasSize(1);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(request(path, Role.ADMIN)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Bundle search(String path, Role role) throws Exception {
        HttpResponse<String> response = send(request(path, role));
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return (Bundle) FHIR.newJsonParser().parseResource(response.body());
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(e -> e.getResource().getIdElement().getIdPart())
                .toList();
    }

    private static List<Procedure> procedures(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .filter(Procedure.class::isInstance)
                .map(Procedure.class::cast)
                .toList();
    }

    private static String study(Procedure procedure) {
        return ((Reference) procedure.getExtensionByUrl(STUDY_REFERENCE).getValue()).getReference();
    }
}
