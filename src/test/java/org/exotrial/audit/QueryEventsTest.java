package org.exotrial.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

class QueryEventsTest {

    @Test
    void patientQueriesOfOneRequestBecomeOneEventWithEveryPatientOnce() {
        AuditEvent read = event(BalpProfileEnum.PATIENT_READ, "Patient/9");
        List<AuditEvent> merged = QueryEvents.merged(
                List.of(
                        event(BalpProfileEnum.PATIENT_QUERY, "Patient/1"),
                        read,
                        event(BalpProfileEnum.PATIENT_QUERY, "Patient/2"),
                        event(BalpProfileEnum.PATIENT_QUERY, "Patient/1")),
                java.util.Set.of());

        assertThat(merged).hasSize(2);
        assertThat(merged.get(1)).isSameAs(read);
        assertThat(merged.get(0).getEntity())
                .filteredOn(e -> "1".equals(e.getRole().getCode()))
                .extracting(e -> e.getWhat().getReference())
                .containsExactly("Patient/1", "Patient/2");
        assertThat(merged.get(0).getEntity())
                .as("the query entity is kept once")
                .filteredOn(e -> "24".equals(e.getRole().getCode()))
                .hasSize(1);
    }

    @Test
    void patientsBalpWasNotShownAreAddedToTheQueryEventOnceInBalpsShape() {
        List<AuditEvent> merged = QueryEvents.merged(
                List.of(event(BalpProfileEnum.PATIENT_QUERY, "Patient/1")),
                new java.util.TreeSet<>(java.util.Set.of("Patient/1", "Patient/2", "Patient/3")));

        assertThat(merged).hasSize(1);
        var patients = merged.get(0).getEntity().stream()
                .filter(e -> "1".equals(e.getRole().getCode()))
                .toList();
        assertThat(patients)
                .extracting(e -> e.getWhat().getReference())
                .containsExactly("Patient/1", "Patient/2", "Patient/3");
        assertThat(patients.get(2).getRole().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/object-role");
        assertThat(patients.get(2).getType().getCode()).isEqualTo("1"); // BALP's entity type: person
    }

    @Test
    void otherEventsAreLeftAsTheyAre() {
        List<AuditEvent> events =
                List.of(event(BalpProfileEnum.BASIC_QUERY, null), event(BalpProfileEnum.PATIENT_CREATE, "Patient/3"));
        assertThat(QueryEvents.merged(events, java.util.Set.of())).containsExactlyElementsOf(events);
    }

    private static AuditEvent event(BalpProfileEnum profile, String patient) {
        AuditEvent event = new AuditEvent();
        event.getMeta().addProfile(profile.getProfileUrl());
        event.addEntity().getRole().setCode("24");
        if (patient != null) {
            var entity = event.addEntity();
            entity.getRole().setCode("1");
            entity.getWhat().setReference(patient);
        }
        return event;
    }
}
