package org.exotrial.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/**
 * Every FHIR read, search and write leaves an AuditEvent naming the client, the action, the entity and the outcome,
 * searchable within a bounded time; failed requests leave one too; neither carries request bodies or search values.
 * Each request is matched to its event by the request id HAPI answers in {@code X-Request-ID} and BALP records.
 */
class AuditIT extends ServerIT {

    /** Generous against the configured flush interval (500 ms): the bound this test promises, not the usual delay. */
    private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(10);

    private static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";

    /** Each client as itself: an interface engine writes and reads back, an analyst searches. */
    @Test
    void createReadAndSearchEachLeaveAnAuditEventNamingTheClient() throws Exception {
        String mrn = unique("audit");
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.addName().setFamily("Okonkwo");

        var created = send(json("/Patient", Role.EHR).POST(body(patient)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = FHIR.newJsonParser()
                .parseResource(Patient.class, created.body())
                .getIdPart();
        String ref = "Patient/" + id;
        AuditEvent create = awaitEvent(ref, requestId(created));
        assertSuccess(create, AuditEventAction.C, BALP + "IHE.BasicAudit.PatientCreate", Role.EHR);
        assertThat(entityReferences(create)).contains(ref + "/_history/1");

        var read = send(request("/" + ref, Role.EHR).GET());
        assertThat(read.statusCode()).isEqualTo(200);
        AuditEvent readEvent = awaitEvent(ref, requestId(read));
        assertSuccess(readEvent, AuditEventAction.R, BALP + "IHE.BasicAudit.PatientRead", Role.EHR);
        assertThat(entityReferences(readEvent)).contains(ref + "/_history/1");

        var search = send(request("/Patient?identifier=" + MRN + "%7C" + mrn, Role.ANALYST)
                .GET());
        assertThat(search.statusCode()).isEqualTo(200);
        AuditEvent query = awaitEvent(ref, requestId(search));
        assertSuccess(query, AuditEventAction.E, BALP + "IHE.BasicAudit.PatientQuery", Role.ANALYST);
        var queryEntity = query.getEntity().stream().filter(e -> e.hasQuery()).findFirst();
        assertThat(queryEntity).isPresent();
        String recordedQuery = new String(queryEntity.get().getQuery(), StandardCharsets.UTF_8);
        assertThat(recordedQuery).contains("Patient?identifier=*");
        assertThat(FHIR.newJsonParser().encodeResourceToString(query)).doesNotContain(mrn);

        // No event repeats the body either: the audit trail names resources, it does not copy them.
        for (AuditEvent event : List.of(create, readEvent, query)) {
            assertThat(FHIR.newJsonParser().encodeResourceToString(event)).doesNotContain("Okonkwo");
        }
    }

    /** One event per search response, naming each patient whose data it returned (BALP alone writes one per patient). */
    @Test
    void aSearchAcrossPatientsLeavesOneEventNamingEachOfThem() throws Exception {
        List<String> patients = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Patient patient = new Patient();
            patient.addIdentifier().setSystem(MRN).setValue(unique("merged"));
            patients.add("Patient/"
                    + fhir().create().resource(patient).execute().getId().getIdPart());
        }
        var search = send(request(
                        "/Patient?_id="
                                + String.join(
                                        ",",
                                        patients.stream()
                                                .map(p -> p.substring(8))
                                                .toList()),
                        Role.ANALYST)
                .GET());
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);

        AuditEvent query = awaitEvent(patients.get(0), requestId(search));
        assertSuccess(query, AuditEventAction.E, BALP + "IHE.BasicAudit.PatientQuery", Role.ANALYST);
        assertThat(entityReferences(query).stream().map(r -> r.replaceFirst("/_history/.*", "")))
                .containsAll(patients);
        for (String patient : patients) {
            assertThat(auditEvents("AuditEvent?patient=" + patient).stream()
                            .filter(hasRequestId(requestId(search)))
                            .map(e -> e.getIdElement().getIdPart()))
                    .as("the search's events naming " + patient)
                    .containsExactly(query.getIdElement().getIdPart());
        }
    }

    @Test
    void anUpdateLeavesAnAuditEventWithTheNewVersion() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("updated"));
        patient.addName().setFamily("Okonkwo");
        var created = send(json("/Patient", Role.EHR).POST(body(patient)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = FHIR.newJsonParser()
                .parseResource(Patient.class, created.body())
                .getIdPart();
        String ref = "Patient/" + id;

        patient.setId(id);
        patient.getNameFirstRep().setFamily("Okonkwo-Adeyemi");
        var updated = send(json("/" + ref, Role.EHR).PUT(body(patient)));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        AuditEvent update = awaitEvent(ref, requestId(updated));
        assertSuccess(update, AuditEventAction.U, BALP + "IHE.BasicAudit.PatientUpdate", Role.EHR);
        assertThat(entityReferences(update)).contains(ref + "/_history/2");

        assertThat(FHIR.newJsonParser().encodeResourceToString(update)).doesNotContain("Okonkwo");
    }

    @Test
    void aDeleteIsAuditedAndEarlierEventsDoNotBlockIt() throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique("erased"));
        var created = send(json("/Patient").POST(body(patient)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String ref = "Patient/"
                + FHIR.newJsonParser()
                        .parseResource(Patient.class, created.body())
                        .getIdPart();
        var read = send(request("/" + ref).GET());
        awaitEvent(ref, requestId(read)); // the trail now points at the patient

        var deleted = send(request("/" + ref).DELETE());
        assertThat(deleted.statusCode())
                .as("AuditEvents must not keep alive what they observed: " + deleted.body())
                .isIn(200, 204);
        // A reference to a deleted resource cannot be stored: the delete's event names it instead.
        AuditEvent delete = await("AuditEvent?entity-name:exact=" + ref, requestId(deleted));
        assertSuccess(delete, AuditEventAction.D, BALP + "IHE.BasicAudit.PatientDelete", Role.ADMIN);
        // The events written before the delete still reference it.
        assertThat(auditEvents("AuditEvent?entity=" + ref)).anyMatch(hasRequestId(requestId(read)));
    }

    @Test
    void aSearchThatFindsNothingIsAuditedToo() throws Exception {
        String mrn = unique("nobody");
        var search = send(request("/Patient?identifier=" + MRN + "%7C" + mrn).GET());
        assertThat(search.statusCode()).isEqualTo(200);

        AuditEvent event = await("AuditEvent?subtype=search-type&entity-type=Patient", requestId(search));
        assertThat(event.getAction()).isEqualTo(AuditEventAction.E);
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertNamesTheClient(event);
        assertThat(event.getEntity().stream().filter(e -> e.hasQuery()))
                .anySatisfy(e -> assertThat(new String(e.getQuery(), StandardCharsets.UTF_8))
                        .endsWith("/Patient?identifier=*"));
        assertThat(FHIR.newJsonParser().encodeResourceToString(event)).doesNotContain(mrn);
    }

    /**
     * Storage shows the Observation (BALP sees it) before authorization refuses the included Practitioner, which a
     * registry may not read: the trail must hold the refusal only, not a disclosure as well.
     */
    @Test
    void aSearchRefusedAfterStorageShowedItsResultsIsOnlyAFailure() throws Exception {
        Practitioner surgeon = new Practitioner();
        surgeon.addName().setFamily("Halsted");
        String surgeonId = fhir().create()
                .resource(surgeon)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        Observation heartRate = new Observation();
        heartRate.setStatus(Observation.ObservationStatus.FINAL);
        heartRate.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        heartRate.addPerformer(new Reference(surgeonId));
        String observationId =
                fhir().create().resource(heartRate).execute().getId().getIdPart();

        var refused =
                send(request("/Observation?_id=" + observationId + "&_include=Observation:performer", Role.REGISTRY)
                        .GET());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

        AuditEvent failure = awaitFailure("entity-type=Observation", requestId(refused));
        assertNamesTheClient(failure, Role.REGISTRY);
        assertThat(auditEvents("AuditEvent?entity=Observation/" + observationId))
                .noneMatch(hasRequestId(requestId(refused)));
    }

    @Test
    void aReadOfAMissingResourceLeavesAFailureEvent() throws Exception {
        String id = unique("missing");
        var response = send(request("/Patient/" + id).GET());
        assertThat(response.statusCode()).isEqualTo(404);

        AuditEvent event = awaitFailure("entity-name=Patient/" + id, requestId(response));
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(event.getOutcomeDesc()).isEqualTo("HTTP 404");
        assertThat(event.getAction()).isEqualTo(AuditEventAction.R);
        assertThat(event.getEntity())
                .anySatisfy(e -> assertThat(e.getType().getCode()).isEqualTo("Patient"));
        assertNamesTheClient(event);
    }

    @Test
    void anInvalidCreateLeavesAFailureEventWithoutTheBody() throws Exception {
        String marker = unique("Arm");
        ResearchSubject subject = new ResearchSubject();
        subject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        subject.setStudy(new Reference("ResearchStudy/lar-exosome-trial"));
        subject.setIndividual(new Reference("Patient/fistula-patient"));
        subject.setAssignedArm(marker);

        var response = send(json("/ResearchSubject").POST(body(subject)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);

        AuditEvent event = awaitFailure("entity-type=ResearchSubject", requestId(response));
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._4);
        assertThat(event.getOutcomeDesc()).isEqualTo("HTTP 422");
        assertThat(event.getAction()).isEqualTo(AuditEventAction.C);
        assertNamesTheClient(event);
        assertThat(FHIR.newJsonParser().encodeResourceToString(event)).doesNotContain(marker);
    }

    @Test
    void aRolledBackTransactionLeavesOnlyItsFailure() throws Exception {
        Observation good = new Observation();
        good.setStatus(Observation.ObservationStatus.FINAL);
        good.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        ResearchSubject bad = new ResearchSubject();
        bad.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        bad.setStudy(new Reference("ResearchStudy/lar-exosome-trial"));
        bad.setIndividual(new Reference("Patient/fistula-patient"));
        bad.setAssignedArm(unique("Arm"));
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        tx.addEntry()
                .setResource(good)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        tx.addEntry()
                .setResource(bad)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("ResearchSubject");

        var response = send(json("").POST(body(tx)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        String requestId = requestId(response);

        awaitFailure("subtype=transaction", requestId);
        // The Observation was stored and rolled back: BALP saw it before the commit, the trail must not.
        List<AuditEvent> successes = auditEvents(
                "AuditEvent?outcome=0&action=C&date=ge" + Instant.now().minus(Duration.ofMinutes(5)));
        assertThat(successes).noneMatch(hasRequestId(requestId));
    }

    @Test
    void theTrailIsSearchableByAdminsOnlyAndRefusalsAreAuditedToo() throws Exception {
        var admin = send(request("/AuditEvent?_count=1"));
        assertThat(admin.statusCode()).isEqualTo(200);

        var analyst = send(request("/AuditEvent?_count=1", Role.ANALYST));
        assertThat(analyst.statusCode()).isEqualTo(403);
        AuditEvent refused = await(
                "AuditEvent?outcome=4&altid=" + DemoClients.clientId(Role.ANALYST) + "&entity-type=AuditEvent",
                requestId(analyst));
        assertThat(refused.getOutcomeDesc()).isEqualTo("HTTP 403");
        assertThat(refused.getAction()).isEqualTo(AuditEventAction.E);
        assertNamesTheClient(refused, Role.ANALYST);
        assertThat(auditEvents("AuditEvent?outcome=4&_sort=-date&agent-role=" + AuditAgents.ROLE_SYSTEM + "|analyst"))
                .anyMatch(hasRequestId(requestId(analyst)));

        // No client writes the trail, not even an admin: the server alone does.
        AuditEvent forged = new AuditEvent();
        forged.getType().setCode("rest");
        forged.setRecorded(new java.util.Date());
        forged.addAgent().setRequestor(true);
        forged.getSource().getObserver().setDisplay("forger");
        for (Role role : List.of(Role.EHR, Role.ADMIN)) {
            var write = send(json("/AuditEvent", role).POST(body(forged)));
            assertThat(write.statusCode()).as(role + " writing the trail").isEqualTo(403);
            assertNamesTheClient(awaitFailure("entity-type=AuditEvent&action=C", requestId(write)), role);
        }
    }

    // --- helpers ---

    private HttpRequest.Builder json(String path) {
        return json(path, Role.ADMIN);
    }

    private HttpRequest.Builder json(String path, Role role) {
        return request(path, role)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json");
    }

    private static HttpRequest.BodyPublisher body(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(resource));
    }

    private static String requestId(HttpResponse<?> response) {
        return response.headers()
                .firstValue("X-Request-ID")
                .orElseThrow(() -> new AssertionError("no X-Request-ID in the response"));
    }

    private AuditEvent awaitEvent(String entity, String requestId) throws InterruptedException {
        return await("AuditEvent?entity=" + entity, requestId);
    }

    private AuditEvent awaitFailure(String criteria, String requestId) throws InterruptedException {
        return await("AuditEvent?outcome=4,8&" + criteria, requestId);
    }

    /** Polls until the event of the request is searchable, and reports how long that took. */
    private AuditEvent await(String search, String requestId) throws InterruptedException {
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(SEARCHABLE_WITHIN);
        String newestFirst = search + "&_sort=-date&_count=200";
        while (Instant.now().isBefore(deadline)) {
            var match = auditEvents(newestFirst).stream()
                    .filter(hasRequestId(requestId))
                    .findFirst();
            if (match.isPresent()) {
                System.out.printf(
                        "AuditIT: event for request %s searchable after %d ms%n",
                        requestId, (System.nanoTime() - start) / 1_000_000);
                return match.get();
            }
            Thread.sleep(50);
        }
        return fail("no AuditEvent for request " + requestId + " within " + SEARCHABLE_WITHIN + ": " + search);
    }

    private static Predicate<AuditEvent> hasRequestId(String requestId) {
        return event -> event.getEntity().stream()
                .anyMatch(e -> "XrequestId".equals(e.getType().getCode())
                        && requestId.equals(e.getWhat().getIdentifier().getValue()));
    }

    private static List<String> entityReferences(AuditEvent event) {
        return event.getEntity().stream()
                .filter(e -> e.getWhat().hasReference())
                .map(e -> e.getWhat().getReference())
                .toList();
    }

    private static void assertSuccess(AuditEvent event, AuditEventAction action, String profile, Role role) {
        assertThat(event.getAction()).isEqualTo(action);
        assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(event.getRecorded()).isNotNull();
        assertThat(event.getMeta().getProfile()).extracting(p -> p.getValue()).contains(profile);
        assertNamesTheClient(event, role);
    }

    private static void assertNamesTheClient(AuditEvent event) {
        assertNamesTheClient(event, Role.ADMIN);
    }

    /** The requesting agent is the token's client, searchable by altId, with its role. */
    private static void assertNamesTheClient(AuditEvent event, Role role) {
        AuditEventAgentComponent requestor = event.getAgent().stream()
                .filter(AuditEventAgentComponent::getRequestor)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no requesting agent"));
        String clientId = DemoClients.clientId(role);
        assertThat(requestor.getWho().getIdentifier().getSystem()).isEqualTo(AuditAgents.CLIENT_ID_SYSTEM);
        assertThat(requestor.getWho().getIdentifier().getValue()).isEqualTo(clientId);
        assertThat(requestor.getAltId()).isEqualTo(clientId);
        assertThat(requestor.getRole())
                .anySatisfy(r -> assertThat(r.getCodingFirstRep().getCode()).isEqualTo(role.claim()));
    }
}
