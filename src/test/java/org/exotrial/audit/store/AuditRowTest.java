package org.exotrial.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class AuditRowTest {

    @Test
    void storesTokensWithAndWithoutTheirSystemAndReferencesAsTypeSlashId() {
        AuditEvent event = new AuditEvent();
        event.setRecorded(new Date(0));
        event.getType()
                .setSystem("http://terminology.hl7.org/CodeSystem/audit-event-type")
                .setCode("rest");
        event.addSubtype().setCode("read"); // no system
        event.setAction(AuditEventAction.R);
        event.setOutcome(AuditEventOutcome._4);
        event.addAgent()
                .setAltId("demo-analyst")
                .setName("demo-analyst")
                .setWho(new Reference("Patient/7"))
                .addRole()
                .addCoding()
                .setSystem("https://exotrial.org/fhir/CodeSystem/client-role")
                .setCode("analyst");
        event.addEntity().setWhat(new Reference("Observation/5/_history/2"));
        event.addEntity().setWhat(new Reference("http://example.org/fhir/Patient/9/_history/1"));
        event.addEntity().setWhat(new Reference("#contained"));
        event.addEntity().setName("Patient/3").getType().setCode("Patient");

        AuditRow row = AuditRow.of(event);

        assertThat(row.type()).containsExactly("rest", "http://terminology.hl7.org/CodeSystem/audit-event-type|rest");
        assertThat(row.subtype()).containsExactly("read", "|read");
        assertThat(row.action()).containsExactly("R", AuditRow.ACTION_SYSTEM + "|R");
        assertThat(row.outcome()).containsExactly("4", AuditRow.OUTCOME_SYSTEM + "|4");
        assertThat(row.altid()).containsExactly("demo-analyst");
        assertThat(row.agentRole())
                .containsExactly("analyst", "https://exotrial.org/fhir/CodeSystem/client-role|analyst");
        assertThat(row.entity()).containsExactly("Observation/5", "Patient/9");
        assertThat(row.patient()).containsExactly("Patient/9", "Patient/7");
        assertThat(row.entityName()).containsExactly("Patient/3");
        assertThat(row.entityType()).containsExactly("Patient", "|Patient");
        assertThat(row.arrays()).hasSize(AuditRow.ARRAY_COLUMNS.size());
    }
}
