package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v25.segment.EVN;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.PV1;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;

/**
 * ADT^A01 (admission) and ADT^A03 (discharge) -> the surgical-stay Encounter of the visit (PV1-19), written as one
 * conditional update so that admission and discharge build up the same resource, and a repeat changes nothing.
 */
final class AdtMapper {

    /** The stay already stored for a visit number, or null; A03 without PV1-44 keeps the stored admission time. */
    @FunctionalInterface
    interface StoredStay {
        Encounter find(String visitNumber);
    }

    @FunctionalInterface
    interface ContextFinder {
        TrialContext find(String mrn);
    }

    private final ZoneId zone;

    AdtMapper(ZoneId zone) {
        this.zone = zone;
    }

    void map(boolean discharge, EVN evn, PID pid, PV1 pv1, ContextFinder contexts, StoredStay stored, Bundle tx)
            throws HL7Exception {
        String visit = pv1.getVisitNumber().getIDNumber().getValue();
        if (visit == null || visit.isBlank()) {
            throw IngestRejection.error(ErrorCode.REQUIRED_FIELD_MISSING, "PV1", 1, 19, "PV1-19 visit number missing");
        }
        V2Time event = V2Time.parse(evn.getRecordedDateTime().getTime().getValue(), zone);
        V2Time admitted = V2Time.parse(pv1.getAdmitDateTime().getTime().getValue(), zone);
        V2Time discharged =
                discharge ? V2Time.parse(pv1.getDischargeDateTime(0).getTime().getValue(), zone) : null;
        Encounter previous = stored.find(visit);
        // An A01 that arrives after the A03 (interface engines do not guarantee order) must not reopen the stay.
        boolean alreadyDischarged =
                !discharge && previous != null && previous.getStatus() == Encounter.EncounterStatus.FINISHED;
        if (admitted == null && !discharge) {
            admitted = event;
        }
        if (discharged == null && discharge) {
            discharged = event;
        }
        if (admitted == null && (previous == null || !previous.getPeriod().hasStart())) {
            throw IngestRejection.error(
                    ErrorCode.REQUIRED_FIELD_MISSING, "PV1", 1, 44, "admission time missing (PV1-44, or EVN-2 on A01)");
        }
        if (discharge && discharged == null) {
            throw IngestRejection.error(
                    ErrorCode.REQUIRED_FIELD_MISSING, "PV1", 1, 45, "discharge time missing (PV1-45 or EVN-2)");
        }
        String mrn = pid.getPatientIdentifierList(0).getIDNumber().getValue();
        TrialContext context = contexts.find(mrn);

        Encounter stay = new Encounter();
        stay.getMeta().addProfile(Ig.PROFILE_SURGICAL_STAY);
        stay.addExtension(IgNames.EXT_STUDY, context.study().copy());
        stay.addIdentifier().setSystem(Ig.SID_VISIT).setValue(visit);
        stay.setStatus(discharge ? Encounter.EncounterStatus.FINISHED : Encounter.EncounterStatus.INPROGRESS);
        stay.setClass_(new Coding(IgNames.ACT_CODE, "IMP", "inpatient encounter"));
        stay.addType().addCoding().setSystem(IgNames.CS_ENCOUNTER_TYPE).setCode("surgical-stay");
        stay.setSubject(context.patientReference());
        if (admitted != null) {
            stay.getPeriod().setStartElement(admitted.toFhir());
        } else {
            stay.getPeriod()
                    .setStartElement(previous.getPeriod().getStartElement().copy());
        }
        if (alreadyDischarged) {
            stay.setStatus(Encounter.EncounterStatus.FINISHED);
            stay.getPeriod().setEndElement(previous.getPeriod().getEndElement().copy());
            stay.setLength(previous.getLength().copy());
        }
        if (discharged != null) {
            stay.getPeriod().setEndElement(discharged.toFhir());
            long days = ChronoUnit.DAYS.between(
                    V2Time.localDateOf(stay.getPeriod().getStartElement()), discharged.localDate());
            if (days < 0) {
                throw IngestRejection.error(
                        ErrorCode.DATA_TYPE_ERROR, "PV1", 1, 45, "discharge (PV1-45) is before admission (PV1-44)");
            }
            Duration length = new Duration();
            length.setValue(days).setUnit("days").setSystem(IgNames.UCUM).setCode("d");
            stay.setLength(length);
        }
        var lar = context.larOnOrAfter(V2Time.localDateOf(stay.getPeriod().getStartElement()));
        if (lar != null) {
            stay.addReasonReference(TrialContext.reference(lar));
        }
        tx.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(stay)
                .getRequest()
                .setMethod(HTTPVerb.PUT)
                .setUrl("Encounter?identifier=" + Ig.SID_VISIT + "|" + visit);
    }
}
