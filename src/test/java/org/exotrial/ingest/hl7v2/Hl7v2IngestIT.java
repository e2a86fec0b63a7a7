package org.exotrial.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exotrial.ig.IgNames;
import org.exotrial.ingest.TrialFixture;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HAPI's MLLP client (and plain HTTP) against the running server's v2 listener. */
class Hl7v2IngestIT extends ServerIT {

    private static final HapiContext CLIENT = V2Clients.newContext();

    private TrialFixture trial;

    @BeforeEach
    void createParticipant() {
        trial = TrialFixture.unique();
        fhir().transaction().withBundle(trial.bundle(FHIR)).execute();
    }

    @AfterAll
    static void closeClient() throws Exception {
        CLIENT.close();
    }

    private Map<String, String> values(String msgId, String filler) {
        Map<String, String> v = new HashMap<>();
        v.put("MRN", trial.mrn());
        v.put("MSGID", msgId);
        v.put("FILLER", filler);
        v.put("SPECIMEN", "SPEC-" + filler);
        v.put("VISIT", "VISIT-" + filler);
        return v;
    }

    static Message send(HapiContext context, String er7) throws Exception {
        var connection = context.newClient("localhost", MLLP_PORT, false);
        connection.getInitiator().setTimeout(120, java.util.concurrent.TimeUnit.SECONDS);
        return connection.getInitiator().sendAndReceive(context.getPipeParser().parse(er7));
    }

    static String ackCode(Message ack) throws Exception {
        return new Terser(ack).get("/MSA-1");
    }

    private List<Observation> observations() {
        Bundle found = fhir().search()
                .forResource(Observation.class)
                .where(Observation.SUBJECT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(IgNames.SID_MRN, trial.mrn())))
                .count(200)
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().stream().map(e -> (Observation) e.getResource()).toList();
    }

    @Test
    void resultsAreStoredAsProfiledObservationsAndAcknowledged() throws Exception {
        String filler = "F-" + UUID.randomUUID();

        Message ack = send(
                CLIENT,
                V2Fixtures.load(
                        "oru-serum-il6-tnf.hl7", values(UUID.randomUUID().toString(), filler)));

        assertThat(ackCode(ack)).isEqualTo("AA");
        List<Observation> stored = observations();
        assertThat(stored).hasSize(2);
        Observation il6 = stored.stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("26881-3"))
                .findFirst()
                .orElseThrow();
        assertThat(il6.getMeta().getProfile()).anyMatch(p -> p.getValue().equals(Ig.PROFILE_IL6));
        assertThat(il6.getExtensionByUrl(IgNames.EXT_POSTOPERATIVE_DAY)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("1");
        assertThat(il6.getExtensionByUrl(IgNames.EXT_STUDY).getValue()).isNotNull();
        assertThat(il6.getValueQuantity().getValue()).isEqualByComparingTo("133.7");
    }

    @Test
    void aResentMessageIsAcknowledgedAndStoresNothingNew() throws Exception {
        String msgId = UUID.randomUUID().toString();
        String message = V2Fixtures.load("oru-serum-il6-tnf.hl7", values(msgId, "F-" + UUID.randomUUID()));
        assertThat(ackCode(send(CLIENT, message))).isEqualTo("AA");

        assertThat(ackCode(send(CLIENT, message))).isEqualTo("AA");
        // The same results under a new control id (an interface engine replaying its queue) change nothing either.
        assertThat(ackCode(send(CLIENT, message.replace(msgId, UUID.randomUUID().toString()))))
                .isEqualTo("AA");

        assertThat(observations())
                .hasSize(2)
                .allSatisfy(o -> assertThat(o.getMeta().getVersionId()).isEqualTo("1"));
    }

    @Test
    void aCorrectionUpdatesTheObservationWithANewVersion() throws Exception {
        String filler = "F-" + UUID.randomUUID();
        send(
                CLIENT,
                V2Fixtures.load(
                        "oru-serum-il6-tnf.hl7", values(UUID.randomUUID().toString(), filler)));

        Message ack = send(
                CLIENT,
                V2Fixtures.load(
                        "oru-serum-il6-correction.hl7", values(UUID.randomUUID().toString(), filler)));

        assertThat(ackCode(ack)).isEqualTo("AA");
        Observation il6 = observations().stream()
                .filter(o -> o.getCode().getCodingFirstRep().getCode().equals("26881-3"))
                .findFirst()
                .orElseThrow();
        assertThat(observations()).hasSize(2);
        assertThat(il6.getMeta().getVersionId()).isEqualTo("2");
        assertThat(il6.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(il6.getValueQuantity().getValue()).isEqualByComparingTo("141.2");
    }

    @Test
    void peritonealResultsComeWithTheirSpecimen() throws Exception {
        Message ack = send(
                CLIENT,
                V2Fixtures.load(
                        "oru-peritoneal-il6-tnf.hl7", values(UUID.randomUUID().toString(), "F-" + UUID.randomUUID())));

        assertThat(ackCode(ack)).isEqualTo("AA");
        List<Observation> stored = observations();
        assertThat(stored).hasSize(2).allSatisfy(o -> assertThat(o.getSpecimen().getReference())
                .startsWith("Specimen/"));
        Specimen specimen = fhir().read()
                .resource(Specimen.class)
                .withId(stored.get(0).getSpecimen().getReferenceElement())
                .execute();
        assertThat(specimen.getType().getCodingFirstRep().getCode()).isEqualTo(Ig.PERITONEAL_FLUID_SAMPLE);
    }

    @Test
    void refusedMessagesNameTheProblemAndStoreNothing() throws Exception {
        Map<String, String> expected = Map.of(
                "oru-unknown-test-code.hl7", "unknown test code 1988-5",
                "oru-unconvertible-unit.hl7", "cannot be converted to pg/mL",
                "oru-second-result-bad.hl7", "mmol/L");
        for (var e : expected.entrySet()) {
            Message ack = send(
                    CLIENT,
                    V2Fixtures.load(e.getKey(), values(UUID.randomUUID().toString(), "F-" + UUID.randomUUID())));
            assertThat(ackCode(ack)).as(e.getKey()).isEqualTo("AE");
            assertThat(ack.encode()).as(e.getKey()).contains("ERR|").contains(e.getValue());
        }
        assertThat(observations()).isEmpty();
    }

    @Test
    void unknownPatientIsRefused() throws Exception {
        Map<String, String> v = values(UUID.randomUUID().toString(), "F-" + UUID.randomUUID());
        v.put("MRN", "NOBODY-" + UUID.randomUUID());

        Message ack = send(CLIENT, V2Fixtures.load("oru-serum-il6-tnf.hl7", v));

        assertThat(ackCode(ack)).isEqualTo("AE");
        assertThat(ack.encode()).contains("ERR|").contains("unknown patient");
    }

    @Test
    void malformedAndUnsupportedMessagesAreRejected() throws Exception {
        var values = values(UUID.randomUUID().toString(), "F-" + UUID.randomUUID());
        HttpResponse<String> malformed = postEr7(V2Fixtures.load("malformed.hl7", values));
        assertThat(malformed.body()).containsPattern("MSA\\|A[ER]").contains("ERR|");

        Message unsupported = send(CLIENT, V2Fixtures.load("adt-a08-unsupported.hl7", values));
        assertThat(ackCode(unsupported)).isEqualTo("AR");
        assertThat(unsupported.encode()).contains("unsupported message type");
        assertThat(observations()).isEmpty();
    }

    @Test
    void admissionThenDischargeGivesTheStayAndItsLength() throws Exception {
        String visit = "F-" + UUID.randomUUID();
        assertThat(ackCode(send(
                        CLIENT,
                        V2Fixtures.load(
                                "adt-a01-admission.hl7",
                                values(UUID.randomUUID().toString(), visit)))))
                .isEqualTo("AA");
        assertThat(ackCode(send(
                        CLIENT,
                        V2Fixtures.load(
                                "adt-a03-discharge.hl7",
                                values(UUID.randomUUID().toString(), visit)))))
                .isEqualTo("AA");

        Bundle found = fhir().search()
                .forResource(Encounter.class)
                .where(Encounter.IDENTIFIER.exactly().systemAndIdentifier(Ig.SID_VISIT, "VISIT-" + visit))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        Encounter stay = (Encounter) found.getEntry().get(0).getResource();
        assertThat(stay.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(stay.getLength().getValue()).isEqualByComparingTo("6");
        assertThat(stay.getMeta().getVersionId()).isEqualTo("2");
        assertThat(stay.getReasonReferenceFirstRep().getReference()).startsWith("Procedure/");
    }

    @Test
    void httpEndpointAnswersTheAckInEr7() throws Exception {
        String message = V2Fixtures.load(
                "oru-serum-il6-tnf.hl7", values(UUID.randomUUID().toString(), "F-" + UUID.randomUUID()));

        HttpResponse<String> response = postEr7(message.replace("\r", "\n"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("x-application/hl7-v2+er7"));
        assertThat(response.body()).startsWith("MSH|").contains("MSA|AA");
        assertThat(observations()).hasSize(2);
    }

    /**
     * A result too large to write out is an AE, not a server out of memory: converted to pg/mL, 1e99999999 would be
     * written in full. Sent as text, since HAPI's v2 parser in this test (unlike the server's) refuses exponents.
     */
    @Test
    void aResultTooLargeToWriteOutIsRefused() throws Exception {
        String message =
                V2Fixtures.load("oru-huge-number.hl7", values(UUID.randomUUID().toString(), "F-" + UUID.randomUUID()));

        HttpResponse<String> response = postEr7(message);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("MSA|AE").contains("OBX-5 has more than 1000 digits");
        assertThat(observations()).isEmpty();
    }

    @Test
    void eightSendersWithOverlappingMessagesStoreEachResultOnce() throws Exception {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            messages.add(V2Fixtures.load(
                    "oru-serum-il6-tnf.hl7", values(UUID.randomUUID().toString(), "F-" + UUID.randomUUID())));
        }
        var pool = Executors.newFixedThreadPool(8);
        List<HapiContext> senders = new ArrayList<>();
        try {
            List<Callable<List<String>>> work = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                // Each sender has its own HapiContext, hence its own MLLP connection.
                HapiContext sender = V2Clients.newContext();
                senders.add(sender);
                List<String> order = new ArrayList<>(messages);
                Collections.shuffle(order);
                work.add(() -> {
                    List<String> codes = new ArrayList<>();
                    for (String m : order) {
                        codes.add(ackCode(send(sender, m)));
                    }
                    return codes;
                });
            }
            for (Future<List<String>> codes : pool.invokeAll(work)) {
                assertThat(codes.get()).containsOnly("AA");
            }
        } finally {
            pool.shutdownNow();
            for (HapiContext sender : senders) {
                sender.close();
            }
        }
        assertThat(observations())
                .hasSize(20)
                .allSatisfy(o -> assertThat(o.getMeta().getVersionId()).isEqualTo("1"));
    }

    private HttpResponse<String> postEr7(String er7) throws Exception {
        return http().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hl7v2"))
                                .timeout(Duration.ofSeconds(120))
                                .header("Content-Type", "x-application/hl7-v2+er7")
                                .header("Authorization", "Bearer " + token(org.exotrial.security.access.Role.EHR))
                                .POST(HttpRequest.BodyPublishers.ofString(er7))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
