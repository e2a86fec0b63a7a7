package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.exotrial.support.ServerIT;
import org.exotrial.sync.SyncStore.SyncEvent;
import org.exotrial.sync.SyncStore.SyncSubscription;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A write that a subscribed topic's trigger matches is recorded as the subscription's next event. */
class EventCaptureIT extends ServerIT {

    @Autowired
    SyncStore store;

    @Test
    void anOutcomeWrittenOverRestIsAnEventOfItsTopicsSubscriptions() {
        String outcomes = unique("sub-outcomes");
        String enrolment = unique("sub-enrolment");
        store.saveSubscription(subscription(outcomes, "outcome-recorded"));
        store.saveSubscription(subscription(enrolment, "subject-enrolment"));
        IdType created = (IdType)
                fhir().create().resource(demoOutcomeCopy("sync-leak")).execute().getId();
        fhir().delete().resourceById(created.toUnqualifiedVersionless()).execute();

        List<SyncEvent> events = store.eventsSince(outcomes, 0, 10);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).number()).isEqualTo(1);
        assertThat(events.get(0).change())
                .isEqualTo(new SyncStore.Change("Observation", created.getIdPart(), "1", "create"));
        assertThat(store.eventsSince(enrolment, 0, 10)).isEmpty();
    }

    @Test
    void aTransactionsOutcomesAreConsecutiveEventsAndASubscriptionTurnedOffGetsNone() {
        String outcomes = unique("sub-outcomes");
        String off = unique("sub-off");
        store.saveSubscription(subscription(outcomes, "outcome-recorded"));
        store.saveSubscription(subscription(off, "outcome-recorded", "off"));
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 2; i++) {
            tx.addEntry()
                    .setResource(demoOutcomeCopy("sync-leak"))
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");
        }

        Bundle response = fhir().transaction().withBundle(tx).execute();
        List<String> created = response.getEntry().stream()
                .map(e -> new IdType(e.getResponse().getLocation()).getIdPart())
                .toList();
        created.forEach(id -> fhir().delete().resourceById("Observation", id).execute());

        List<SyncEvent> events = store.eventsSince(outcomes, 0, 10);
        assertThat(events).extracting(SyncEvent::number).containsExactly(1L, 2L);
        assertThat(events).extracting(e -> e.change().id()).containsExactlyInAnyOrderElementsOf(created);
        assertThat(store.eventsSince(off, 0, 10)).isEmpty();
    }

    @Test
    void aSubscriptionsStudyFilterKeepsOtherStudiesOutcomesOut() {
        String lar = unique("sub-lar");
        String typed = unique("sub-typed");
        String secretome = unique("sub-secretome");
        store.saveSubscription(subscription(lar, "outcome-recorded", "active", "registry", "study=" + LAR_TRIAL));
        store.saveSubscription(
                subscription(typed, "outcome-recorded", "active", "registry", "Observation?trial-study=" + LAR_TRIAL));
        store.saveSubscription(
                subscription(secretome, "outcome-recorded", "active", "registry", "study=" + SECRETOME_STUDY));

        IdType created = (IdType)
                fhir().create().resource(demoOutcomeCopy("sync-leak")).execute().getId();
        fhir().delete().resourceById(created.toUnqualifiedVersionless()).execute();

        // The topic is about outcomes recorded: a delete is no event of it.
        assertThat(store.eventsSince(lar, 0, 10))
                .extracting(e -> e.change().interaction())
                .containsExactly("create");
        assertThat(store.eventsSince(typed, 0, 10)).hasSize(1);
        assertThat(store.eventsSince(secretome, 0, 10)).isEmpty();
    }

    @Test
    void aMaskedSubjectsArmChangeIsNoEventForABlindedOwner() {
        String blinded = unique("sub-blinded");
        String unblinded = unique("sub-unblinded");
        store.saveSubscription(subscription(blinded, "subject-enrolment", "active", "registry"));
        store.saveSubscription(subscription(unblinded, "subject-enrolment", "active", "statistician"));
        ResearchSubject subject = fhir().read()
                .resource(ResearchSubject.class)
                .withId(demoId(demoParticipant(LAR_TRIAL, "Placebo", 0), "subject"))
                .execute();
        String originalArm = subject.getAssignedArm();
        subject.setIdElement(subject.getIdElement().toVersionless());
        try {
            subject.setAssignedArm("Exosome").setActualArm("Exosome");
            fhir().update().resource(subject).execute();
        } finally {
            subject.setAssignedArm(originalArm).setActualArm(originalArm);
            subject.getMeta().setVersionId(null);
            fhir().update().resource(subject).execute();
        }

        assertThat(store.eventsSince(unblinded, 0, 10)).hasSize(2);
        assertThat(store.eventsSince(blinded, 0, 10)).isEmpty();
    }

    @Test
    void aBlindedOwnersArmFilterSelectsNothingWhileAStudyIsMasked() {
        String unfiltered = unique("sub-unfiltered");
        String byArm = unique("sub-by-arm");
        String byArmUnblinded = unique("sub-by-arm-unblinded");
        String armFilter = "ResearchSubject?arm=Exosome";
        store.saveSubscription(subscription(unfiltered, "subject-enrolment", "active", "registry"));
        // Stored without admission, which refuses it now; one admitted before any study was masked looks the same.
        store.saveSubscription(subscription(byArm, "subject-enrolment", "active", "registry", armFilter));
        store.saveSubscription(subscription(byArmUnblinded, "subject-enrolment", "active", "statistician", armFilter));
        ResearchSubject subject = fhir().read()
                .resource(ResearchSubject.class)
                .withId(demoId(demoParticipant(LAR_TRIAL, "Exosome", 0), "subject"))
                .execute();
        var originalStatus = subject.getStatus();
        subject.setIdElement(subject.getIdElement().toVersionless());
        try {
            subject.setStatus(
                    originalStatus == ResearchSubject.ResearchSubjectStatus.FOLLOWUP
                            ? ResearchSubject.ResearchSubjectStatus.ONSTUDY
                            : ResearchSubject.ResearchSubjectStatus.FOLLOWUP);
            fhir().update().resource(subject).execute();
        } finally {
            subject.setStatus(originalStatus);
            subject.getMeta().setVersionId(null);
            fhir().update().resource(subject).execute();
        }

        assertThat(store.eventsSince(unfiltered, 0, 10)).hasSize(2);
        assertThat(store.eventsSince(byArmUnblinded, 0, 10)).hasSize(2);
        assertThat(store.eventsSince(byArm, 0, 10)).isEmpty();
    }

    private static SyncSubscription subscription(String id, String topic) {
        return subscription(id, topic, "active");
    }

    private static SyncSubscription subscription(String id, String topic, String status) {
        return subscription(id, topic, status, "registry");
    }

    private static SyncSubscription subscription(
            String id, String topic, String status, String ownerRole, String... filters) {
        return new SyncSubscription(
                id,
                ownerRole + "-client",
                ownerRole,
                "system/*.rs",
                "https://exotrial.org/fhir/SubscriptionTopic/" + topic,
                List.of(filters),
                "id-only",
                status,
                "https://registry.example.org/hook",
                List.of(),
                null,
                null,
                null);
    }
}
