package org.exotrial.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/**
 * A blinded registry pushes its own subject identifiers back to a masked trial's subject (docs/sync.md, "Push
 * identifiers back"): the server merges them into the stored subject, whose arm survives; nothing else may change.
 */
class RegistryIdentifiersIT extends ServerIT {

    private static final String REGISTRY_SYSTEM = "https://registry.example.org/sid/participant";
    private static final int EXOSOME = demoParticipant(LAR_TRIAL, "Exosome", 0);

    @Test
    void aBlindedRegistryAddsItsIdentifierByConditionalUpdateAndTheArmStays() throws Exception {
        ResearchSubject read = readAs(Role.REGISTRY);
        assertThat(read.hasAssignedArm())
                .as("the registry reads the subject masked")
                .isFalse();
        String value = unique("reg");
        read.addIdentifier().setSystem(REGISTRY_SYSTEM).setValue(value);

        HttpResponse<String> put = send(request("/ResearchSubject?identifier=" + subjectNumber(read), Role.REGISTRY)
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(read))));

        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(put.body()).doesNotContain("\"assignedArm\"");
        ResearchSubject stored = readAs(Role.ADMIN);
        assertThat(stored.getAssignedArm()).isEqualTo("Exosome");
        assertThat(stored.getIdentifier()).anyMatch(i -> has(i, REGISTRY_SYSTEM, value));
    }

    @Test
    void aRegistryReplacesItsIdentifierByConditionalFhirPathPatch() throws Exception {
        ResearchSubject read = readAs(Role.REGISTRY);
        String value = unique("patched");
        String patch =
                """
                {"resourceType":"Parameters","parameter":[{"name":"operation","part":[
                  {"name":"type","valueCode":"add"},{"name":"path","valueString":"ResearchSubject"},
                  {"name":"name","valueString":"identifier"},
                  {"name":"value","valueIdentifier":{"system":"%s","value":"%s"}}]}]}
                """
                        .formatted(REGISTRY_SYSTEM + "/patch", value);

        HttpResponse<String> response = patch("/ResearchSubject?identifier=" + subjectNumber(read), patch);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        ResearchSubject stored = readAs(Role.ADMIN);
        assertThat(stored.getAssignedArm()).isEqualTo("Exosome");
        assertThat(stored.getIdentifier()).anyMatch(i -> has(i, REGISTRY_SYSTEM + "/patch", value));
    }

    @Test
    void aRegistryMayNotChangeStatusArmOrTheServersIdentifiers() throws Exception {
        ResearchSubject read = readAs(Role.REGISTRY);
        String url = "/ResearchSubject?identifier=" + subjectNumber(read);

        ResearchSubject withdrawn = read.copy().setStatus(ResearchSubject.ResearchSubjectStatus.WITHDRAWN);
        assertRefused(put(url, withdrawn), "only identifiers");
        ResearchSubject armed = read.copy().setAssignedArm("Placebo");
        assertRefused(put(url, armed), "only identifiers");
        ResearchSubject renumbered = read.copy();
        renumbered.getIdentifierFirstRep().setValue(unique("renumbered"));
        assertRefused(put(url, renumbered), "the server's or the hospital's");
        String armPatch =
                """
                {"resourceType":"Parameters","parameter":[{"name":"operation","part":[
                  {"name":"type","valueCode":"replace"},{"name":"path","valueString":"ResearchSubject.assignedArm"},
                  {"name":"value","valueString":"Placebo"}]}]}
                """;
        assertRefused(patch(url, armPatch), "only identifiers");

        assertThat(readAs(Role.ADMIN).getAssignedArm()).isEqualTo("Exosome");
        assertThat(readAs(Role.ADMIN).getStatus()).isEqualTo(read.getStatus());
    }

    @Test
    void otherTypesStayReadOnlyAndNoSubjectIsCreated() throws Exception {
        String patient = demoId(EXOSOME, "patient");
        String body = send(request("/Patient/" + patient, Role.REGISTRY)).body();
        HttpResponse<String> put = send(request("/Patient/" + patient, Role.REGISTRY)
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(put.statusCode()).as(put.body()).isEqualTo(403);

        ResearchSubject unknown = readAs(Role.REGISTRY);
        unknown.setId((String) null);
        HttpResponse<String> create =
                put("/ResearchSubject?identifier=" + REGISTRY_SYSTEM + "%7C" + unique("none"), unknown);
        assertThat(create.statusCode()).as(create.body()).isEqualTo(403);
    }

    private ResearchSubject readAs(Role role) {
        return fhir(role)
                .read()
                .resource(ResearchSubject.class)
                .withId(demoId(EXOSOME, "subject"))
                .execute();
    }

    private static String subjectNumber(ResearchSubject subject) {
        Identifier number = subject.getIdentifier().stream()
                .filter(i -> i.getSystem().endsWith("/sid/subject-number"))
                .findFirst()
                .orElseThrow();
        // As docs/sync.md writes it: only '|' encoded.
        return number.getSystem() + "%7C" + number.getValue();
    }

    private HttpResponse<String> put(String url, ResearchSubject subject) throws Exception {
        return send(request(url, Role.REGISTRY)
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(subject))));
    }

    private HttpResponse<String> patch(String url, String parameters) throws Exception {
        return send(request(url, Role.REGISTRY)
                .header("Content-Type", "application/fhir+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(parameters)));
    }

    private static void assertRefused(HttpResponse<String> response, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("OperationOutcome").contains(says);
    }

    private static boolean has(Identifier identifier, String system, String value) {
        return system.equals(identifier.getSystem()) && value.equals(identifier.getValue());
    }

    private static String json(ResearchSubject subject) {
        return FHIR.newJsonParser().encodeResourceToString(subject);
    }
}
