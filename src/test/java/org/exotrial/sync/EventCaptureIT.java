package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.exotrial.support.ServerIT;
import org.exotrial.sync.SyncStore.SyncEvent;
import org.exotrial.sync.SyncStore.SyncSubscription;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
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
        // A copy of a demo participant's outcome, as a second recording of it: valid, and it names its study.
        Observation outcome = fhir().read()
                .resource(Observation.class)
                .withId(demoId(demoParticipant(LAR_TRIAL, "Placebo", 0), "leak"))
                .execute();
        outcome.setId((String) null);
        outcome.setMeta(null);
        outcome.getIdentifierFirstRep().setValue(unique("sync-leak"));

        IdType created = (IdType) fhir().create().resource(outcome).execute().getId();
        fhir().delete().resourceById(created.toUnqualifiedVersionless()).execute();

        List<SyncEvent> events = store.eventsSince(outcomes, 0, 10);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).number()).isEqualTo(1);
        assertThat(events.get(0).change())
                .isEqualTo(new SyncStore.Change("Observation", created.getIdPart(), "1", "create"));
        assertThat(store.eventsSince(enrolment, 0, 10)).isEmpty();
    }

    private static SyncSubscription subscription(String id, String topic) {
        return new SyncSubscription(
                id,
                "registry-client",
                "registry",
                "system/*.rs",
                "https://exotrial.org/fhir/SubscriptionTopic/" + topic,
                List.of(),
                "id-only",
                "active");
    }
}
