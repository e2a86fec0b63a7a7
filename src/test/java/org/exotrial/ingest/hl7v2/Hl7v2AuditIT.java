package org.exotrial.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ca.uhn.hl7v2.HapiContext;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.exotrial.ig.IgNames;
import org.exotrial.ingest.TrialFixture;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What an HL7 v2 message stores is in the audit trail like a FHIR client's writes: an event per resource written,
 * naming the sending application (MSH-3^MSH-4), its address and the message; a refused message leaves a failure.
 */
class Hl7v2AuditIT extends ServerIT {

    private static final HapiContext CLIENT = V2Clients.newContext();
    private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(10);

    /** MSH-3^MSH-4 of the fixtures. */
    private static final String SENDER = "LIS^TUMS";

    private static final String SENDER_SYSTEM = "https://exotrial.org/fhir/sid/hl7v2-sender";

    private TrialFixture trial;
    private String patient;

    @BeforeEach
    void createParticipant() {
        trial = TrialFixture.unique();
        fhir().transaction().withBundle(trial.bundle(FHIR)).execute();
        patient = "Patient/" + patientsWithMrn(trial.mrn()).get(0).getIdPart();
    }

    @AfterAll
    static void closeClient() throws Exception {
        CLIENT.close();
    }

    @Test
    void eachResourceAMessageStoresHasAnEventNamingTheSenderTheMessageAndThePatient() throws Exception {
        String msgId = UUID.randomUUID().toString();
        String message = V2Fixtures.load("oru-serum-il6-tnf.hl7", values(msgId));

        assertThat(Hl7v2IngestIT.ackCode(Hl7v2IngestIT.send(CLIENT, message))).isEqualTo("AA");

        List<String> observations = observations().stream()
                .map(o -> "Observation/" + o.getIdPart() + "/_history/1")
                .toList();
        assertThat(observations).hasSize(2);
        // Every resource written has its event: the two results among them.
        List<AuditEvent> events = await("AuditEvent?entity-name:exact=TUMS:" + msgId, found -> found.stream()
                .flatMap(e -> dataReferences(e).stream())
                .toList()
                .containsAll(observations));
        AuditEvent first = events.stream()
                .filter(e -> dataReferences(e).contains(observations.get(0)))
                .findFirst()
                .orElseThrow();
        assertThat(first.getAction()).isEqualTo(AuditEventAction.C);
        assertThat(first.getOutcome()).isEqualTo(AuditEventOutcome._0);
        assertThat(first.getSubtypeFirstRep().getCode()).isEqualTo("create");
        AuditEventAgentComponent sender = requestor(first, SENDER_SYSTEM);
        assertThat(sender.getWho().getIdentifier().getValue()).isEqualTo(SENDER);
        assertThat(sender.getAltId()).isEqualTo(SENDER);
        assertThat(sender.getNetwork().getAddress()).isNotBlank();
        assertThat(first.getEntity())
                .anySatisfy(e -> assertThat(e.getWhat().getReference()).isEqualTo(patient));
        AuditEventEntityComponent messageEntity = first.getEntity().stream()
                .filter(e -> e.getWhat().hasIdentifier())
                .findFirst()
                .orElseThrow();
        assertThat(messageEntity.getWhat().getIdentifier().getValue()).isEqualTo("TUMS:" + msgId);
        assertThat(messageEntity.getType().getCode()).isEqualTo("ORU");
        // The trail names what was stored; it does not copy the message.
        String encoded = FHIR.newJsonParser().encodeResourceToString(first);
        assertThat(encoded).doesNotContain("Rostami").doesNotContain("133.7").doesNotContain(trial.mrn());

        // Admins find what a sender stored, and what was stored for a patient, as for FHIR clients.
        assertThat(auditEvents("AuditEvent?altid=LIS%5ETUMS&patient=" + patient))
                .extracting(e -> e.getIdElement().getIdPart())
                .contains(first.getIdElement().getIdPart());
    }

    @Test
    void aMessagePostedOverHttpAlsoNamesTheClientThatPostedIt() throws Exception {
        String msgId = UUID.randomUUID().toString();
        HttpResponse<String> response = http().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hl7v2"))
                                .header("Content-Type", Hl7v2HttpEndpoint.ER7)
                                .header("Authorization", "Bearer " + token(Role.EHR))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        V2Fixtures.load("oru-serum-il6-tnf.hl7", values(msgId))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).contains("MSA|AA");

        AuditEvent event = await("AuditEvent?entity-name:exact=TUMS:" + msgId, found -> !found.isEmpty())
                .get(0);
        assertThat(requestor(event, SENDER_SYSTEM).getWho().getIdentifier().getValue())
                .isEqualTo(SENDER);
        assertThat(requestor(event, "https://exotrial.org/fhir/sid/oauth-client")
                        .getWho()
                        .getIdentifier()
                        .getValue())
                .isEqualTo(DemoClients.clientId(Role.EHR));
    }

    @Test
    void aRefusedMessageLeavesOnlyAFailure() throws Exception {
        String msgId = UUID.randomUUID().toString();
        Map<String, String> unknownPatient = values(msgId);
        unknownPatient.put("MRN", "NOBODY-" + UUID.randomUUID());

        String ack = Hl7v2IngestIT.ackCode(
                Hl7v2IngestIT.send(CLIENT, V2Fixtures.load("oru-serum-il6-tnf.hl7", unknownPatient)));
        assertThat(ack).isEqualTo("AE");

        AuditEvent failure = await("AuditEvent?outcome=4&entity-name:exact=TUMS:" + msgId, found -> !found.isEmpty())
                .get(0);
        assertThat(requestor(failure, SENDER_SYSTEM).getWho().getIdentifier().getValue())
                .isEqualTo(SENDER);
        assertThat(FHIR.newJsonParser().encodeResourceToString(failure)).doesNotContain("NOBODY");
        assertThat(auditEvents("AuditEvent?outcome=0&entity-name:exact=TUMS:" + msgId))
                .isEmpty();
    }

    // --- helpers ---

    private Map<String, String> values(String msgId) {
        String filler = "F-" + UUID.randomUUID();
        return new java.util.HashMap<>(Map.of(
                "MRN",
                trial.mrn(),
                "MSGID",
                msgId,
                "FILLER",
                filler,
                "SPECIMEN",
                "SPEC-" + filler,
                "VISIT",
                "VISIT-" + filler));
    }

    private List<Observation> observations() {
        Bundle found = fhir().search()
                .forResource(Observation.class)
                .where(Observation.SUBJECT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(IgNames.SID_MRN, trial.mrn())))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
    }

    private static List<String> dataReferences(AuditEvent event) {
        return event.getEntity().stream()
                .filter(e -> "4".equals(e.getRole().getCode()))
                .map(e -> e.getWhat().getReference())
                .toList();
    }

    private static AuditEventAgentComponent requestor(AuditEvent event, String system) {
        return event.getAgent().stream()
                .filter(a -> a.getRequestor()
                        && system.equals(a.getWho().getIdentifier().getSystem()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no requesting agent of " + system));
    }

    /** Polls until what the search finds is {@code done}: the trail is written in the background. */
    private List<AuditEvent> await(String search, Predicate<List<AuditEvent>> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(SEARCHABLE_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            List<AuditEvent> found = auditEvents(search);
            if (done.test(found)) {
                return found;
            }
            Thread.sleep(50);
        }
        return fail("the AuditEvents expected were not found within " + SEARCHABLE_WITHIN + ": " + search);
    }
}
