package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.exotrial.ig.IgNames;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/** The guide's topics' triggers, evaluated in memory as EventCapture does on every write. */
class TriggerMatcherTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String TOPIC = "https://exotrial.org/fhir/SubscriptionTopic/";
    private static final TriggerMatcher MATCHER = new TriggerMatcher(
            FHIR,
            ImplementationGuide.fromClasspath(FHIR).definitions(FHIR, "Basic").stream()
                    .map(Basic.class::cast)
                    .flatMap(topic -> TopicInstaller.triggers(topic).stream())
                    .toList());

    @Test
    void anOutcomeIsAnObservationThatNamesItsStudy() {
        Observation outcome = new Observation();
        outcome.addExtension(IgNames.EXT_STUDY, new Reference("ResearchStudy/lar-exosome-trial"));

        assertThat(MATCHER.topics("create", null, outcome)).containsExactly(TOPIC + "outcome-recorded");
        assertThat(MATCHER.topics("create", null, new Observation())).isEmpty();
        assertThat(MATCHER.topics("update", outcome, outcome)).isEmpty();
    }

    @Test
    void aSubjectIsAnEventWhenEnrolledAndWhenItsStatusOrArmChanges() {
        ResearchSubject before = new ResearchSubject()
                .setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY)
                .setAssignedArm("Placebo");
        ResearchSubject sameAgain = before.copy();
        ResearchSubject withdrawn = before.copy().setStatus(ResearchSubject.ResearchSubjectStatus.WITHDRAWN);
        ResearchSubject otherArm = before.copy().setAssignedArm("Exosome");

        assertThat(MATCHER.topics("create", null, before)).containsExactly(TOPIC + "subject-enrolment");
        assertThat(MATCHER.topics("update", before, withdrawn)).containsExactly(TOPIC + "subject-enrolment");
        assertThat(MATCHER.topics("update", before, otherArm)).containsExactly(TOPIC + "subject-enrolment");
        assertThat(MATCHER.topics("update", before, sameAgain)).isEmpty();
    }

    @Test
    void adverseEventsAreCreatesAndUpdatesNotDeletes() {
        AdverseEvent event = new AdverseEvent();

        assertThat(MATCHER.topics("create", null, event)).containsExactly(TOPIC + "adverse-event");
        assertThat(MATCHER.topics("update", event, event)).containsExactly(TOPIC + "adverse-event");
        assertThat(MATCHER.topics("delete", event, event)).isEmpty();
        assertThat(List.of(MATCHER.topics("create", null, new org.hl7.fhir.r4.model.Patient())))
                .containsExactly(java.util.Set.of());
    }
}
