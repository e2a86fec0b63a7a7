package org.exotrial.audit;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;

/**
 * One PatientQuery event per search response, naming every patient whose data it returned, where BALP writes one
 * event per patient. A page of 200 observations about 200 patients was 200 events, each a stored resource with its
 * own indexes: the audit writer fell behind within seconds of analyst searches, and clients waited for it (measured in
 * docs/benchmarks.md). The merged event holds the same facts: each patient stays an entity of its own, so
 * {@code AuditEvent?patient=} still finds every search that disclosed a patient's data.
 */
final class QueryEvents {

    private static final String PATIENT_QUERY = BalpProfileEnum.PATIENT_QUERY.getProfileUrl();

    /** BALP's entity role for the patient (object role 1). */
    private static final String PATIENT_ROLE = BalpConstants.CS_OBJECT_ROLE_1_PATIENT;

    private QueryEvents() {}

    /**
     * The events of one request, its PatientQuery events merged into the first of them, with the patients of the
     * request's search pages that BALP was not shown ({@link SearchPatients}) added to it, each an entity of the same
     * shape as the patients BALP named.
     */
    static List<AuditEvent> merged(List<AuditEvent> events, Set<String> unseenPatients) {
        List<AuditEvent> result = new ArrayList<>(events.size());
        AuditEvent query = null;
        Set<String> patients = new HashSet<>();
        for (AuditEvent event : events) {
            if (!isPatientQuery(event)) {
                result.add(event);
            } else if (query == null) {
                query = event;
                patientEntities(event).forEach(e -> patients.add(e.getWhat().getReference()));
                result.add(event);
            } else {
                for (AuditEventEntityComponent patient : patientEntities(event)) {
                    if (patients.add(patient.getWhat().getReference())) {
                        query.addEntity(patient);
                    }
                }
            }
        }
        if (query != null) {
            for (String patient : unseenPatients) {
                if (patients.add(patient)) {
                    query.addEntity(patientEntity(patient));
                }
            }
        }
        return result;
    }

    /** A patient entity as BALP writes one (its private {@code addEntityPatient}), from BALP's own constants. */
    static AuditEventEntityComponent patientEntity(String reference) {
        AuditEventEntityComponent entity = new AuditEventEntityComponent();
        entity.getType()
                .setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON)
                .setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY);
        entity.getRole()
                .setSystem(BalpConstants.CS_OBJECT_ROLE)
                .setCode(BalpConstants.CS_OBJECT_ROLE_1_PATIENT)
                .setDisplay(BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY);
        entity.getWhat().setReference(reference);
        return entity;
    }

    private static boolean isPatientQuery(AuditEvent event) {
        return event.getMeta().getProfile().stream().anyMatch(p -> PATIENT_QUERY.equals(p.getValue()));
    }

    private static List<AuditEventEntityComponent> patientEntities(AuditEvent event) {
        return event.getEntity().stream()
                .filter(e -> PATIENT_ROLE.equals(e.getRole().getCode())
                        && e.getWhat().hasReference())
                .toList();
    }
}
