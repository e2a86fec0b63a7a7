package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_PATIENT_RESULT;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.segment.OBR;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.SPM;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;
import org.exotrial.guards.HugeNumbers;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;

/**
 * ORU^R01 -> IL-6 / TNF-alpha Observations (and the drain-fluid Specimen they need) as entries of one transaction.
 * Every OBX is checked before anything is built, so a message with one bad result is refused as a whole.
 */
final class OruMapper {

    /** Answers whether an Observation with this identifier value already exists (corrections and P -> F updates). */
    interface ExistingResults extends Predicate<String> {}

    private final ZoneId zone;

    OruMapper(ZoneId zone) {
        this.zone = zone;
    }

    /** Adds the message's resources to {@code tx}; the context lookup is per PID (one patient per PATIENT_RESULT). */
    void map(ORU_R01 oru, ContextFinder contexts, ExistingResults existing, Bundle tx) throws HL7Exception {
        int obxCount = 0;
        for (ORU_R01_PATIENT_RESULT result : oru.getPATIENT_RESULTAll()) {
            String mrn = result.getPATIENT()
                    .getPID()
                    .getPatientIdentifierList(0)
                    .getIDNumber()
                    .getValue();
            TrialContext context = null;
            for (ORU_R01_ORDER_OBSERVATION order : result.getORDER_OBSERVATIONAll()) {
                OBR obr = order.getOBR();
                String filler = obr.getFillerOrderNumber().getEntityIdentifier().getValue();
                if (filler == null || filler.isBlank()) {
                    throw IngestRejection.error(
                            ErrorCode.REQUIRED_FIELD_MISSING, "OBR", 1, 3, "OBR-3 filler order number missing");
                }
                V2Time orderTime =
                        V2Time.parse(obr.getObservationDateTime().getTime().getValue(), zone);
                String specimenUrl = null;
                for (var observation : order.getOBSERVATIONAll()) {
                    obxCount++;
                    OBX obx = observation.getOBX();
                    LabResult lab = check(obx, obxCount, orderTime);
                    if (context == null) {
                        context = contexts.find(mrn);
                    }
                    if (lab.test.peritoneal && specimenUrl == null) {
                        specimenUrl = addSpecimen(order, filler, lab, context, tx);
                    }
                    addObservation(filler, lab, context, lab.test.peritoneal ? specimenUrl : null, existing, tx);
                }
            }
        }
        if (obxCount == 0) {
            throw IngestRejection.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "OBX", 1, 0, "message has no OBX result");
        }
    }

    /** Finds the trial context of a patient as of a result's time. */
    @FunctionalInterface
    interface ContextFinder {
        TrialContext find(String mrn);
    }

    private record LabResult(LabTest test, BigDecimal pgPerMl, ObservationStatus status, V2Time time) {}

    private LabResult check(OBX obx, int rep, V2Time orderTime) throws HL7Exception {
        String code = obx.getObservationIdentifier().getIdentifier().getValue();
        LabTest test = LabTest.byCode(code)
                .orElseThrow(() -> IngestRejection.error(
                        ErrorCode.TABLE_VALUE_NOT_FOUND,
                        "OBX",
                        rep,
                        3,
                        "unknown test code " + code + " (accepted: 26881-3, 49732-1, 3074-2, tnf-alpha-peritoneal)"));
        if (!"NM".equals(obx.getValueType().getValue())) {
            throw IngestRejection.error(
                    ErrorCode.DATA_TYPE_ERROR, "OBX", rep, 2, "OBX-2 must be NM for " + code + " results");
        }
        String text = obx.getObservationValue().length == 0
                ? null
                : obx.getObservationValue(0).getData().encode();
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (RuntimeException e) {
            throw IngestRejection.error(ErrorCode.DATA_TYPE_ERROR, "OBX", rep, 5, "OBX-5 is not a number: " + text);
        }
        if (HugeNumbers.writtenOutDigits(value) > HugeNumbers.MAX_DIGITS) {
            // Converted to pg/mL it is written out in full (UnitNormaliser): 1e99999999 would not fit in memory.
            throw IngestRejection.error(
                    ErrorCode.DATA_TYPE_ERROR,
                    "OBX",
                    rep,
                    5,
                    "OBX-5 has more than " + HugeNumbers.MAX_DIGITS + " digits written out");
        }
        String unit = obx.getUnits().getIdentifier().getValue();
        BigDecimal pgPerMl = UnitNormaliser.toPgPerMl(value, unit)
                .orElseThrow(() -> IngestRejection.error(
                        ErrorCode.DATA_TYPE_ERROR,
                        "OBX",
                        rep,
                        6,
                        "unit " + unit + " cannot be converted to pg/mL (send a UCUM mass concentration)"));
        ObservationStatus status =
                switch (String.valueOf(obx.getObservationResultStatus().getValue())) {
                    case "F" -> ObservationStatus.FINAL;
                    case "P" -> ObservationStatus.PRELIMINARY;
                    case "C" -> ObservationStatus.CORRECTED;
                    default -> throw IngestRejection.error(
                            ErrorCode.TABLE_VALUE_NOT_FOUND, "OBX", rep, 11, "OBX-11 result status must be F, P or C");
                };
        V2Time time = V2Time.parse(obx.getDateTimeOfTheObservation().getTime().getValue(), zone);
        if (time == null) {
            time = orderTime;
        }
        if (time == null) {
            throw IngestRejection.error(
                    ErrorCode.REQUIRED_FIELD_MISSING,
                    "OBX",
                    rep,
                    14,
                    "result time missing or malformed (OBX-14, or OBR-7, as YYYYMMDDHHMM[SS][+ZZZZ])");
        }
        return new LabResult(test, pgPerMl, status, time);
    }

    private String addSpecimen(
            ORU_R01_ORDER_OBSERVATION order, String filler, LabResult lab, TrialContext context, Bundle tx)
            throws HL7Exception {
        SPM spm = order.getSPECIMENReps() > 0 ? order.getSPECIMEN(0).getSPM() : null;
        String id = spm == null
                ? null
                : spm.getSpecimenID()
                        .getPlacerAssignedIdentifier()
                        .getEntityIdentifier()
                        .getValue();
        if (id == null || id.isBlank()) {
            id = filler;
        }
        V2Time collected = spm == null
                ? null
                : V2Time.parse(
                        spm.getSpecimenCollectionDateTime()
                                .getRangeStartDateTime()
                                .getTime()
                                .getValue(),
                        zone);
        Specimen specimen = new Specimen();
        specimen.addExtension(IgNames.EXT_STUDY, context.study().copy());
        Integer pod = postoperativeDay(context, lab.time);
        if (pod != null) {
            specimen.addExtension(IgNames.EXT_POSTOPERATIVE_DAY, new IntegerType(pod));
        }
        specimen.addIdentifier().setSystem(Ig.SID_SPECIMEN).setValue(id);
        specimen.setStatus(Specimen.SpecimenStatus.AVAILABLE);
        specimen.setType(new CodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding(
                        IgNames.SNOMED, Ig.PERITONEAL_FLUID_SAMPLE, "Peritoneal fluid sample")));
        specimen.setSubject(context.patientReference());
        specimen.getCollection().setCollected((collected == null ? lab.time : collected).toFhir());
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        tx.addEntry()
                .setFullUrl(fullUrl)
                .setResource(specimen)
                .getRequest()
                .setMethod(HTTPVerb.POST)
                .setUrl("Specimen")
                .setIfNoneExist("identifier=" + Ig.SID_SPECIMEN + "|" + id);
        return fullUrl;
    }

    private void addObservation(
            String filler,
            LabResult lab,
            TrialContext context,
            String specimenUrl,
            ExistingResults existing,
            Bundle tx) {
        String identifier = filler + ":" + lab.test.code;
        Observation o = new Observation();
        o.getMeta().addProfile(lab.test.profile);
        o.addExtension(IgNames.EXT_STUDY, context.study().copy());
        Integer pod = postoperativeDay(context, lab.time);
        if (pod != null) {
            o.addExtension(IgNames.EXT_POSTOPERATIVE_DAY, new IntegerType(pod));
        }
        o.addIdentifier().setSystem(Ig.SID_FILLER_ORDER).setValue(identifier);
        o.setStatus(lab.status);
        o.addCategory().addCoding().setSystem(IgNames.OBSERVATION_CATEGORY).setCode("laboratory");
        o.getCode()
                .addCoding()
                .setSystem(lab.test.system)
                .setCode(lab.test.code)
                .setDisplay(lab.test.display);
        o.setSubject(context.patientReference());
        o.setEffective(lab.time.toFhir());
        o.setValue(new Quantity()
                .setValue(lab.pgPerMl)
                .setUnit(UnitNormaliser.TARGET)
                .setSystem(IgNames.UCUM)
                .setCode(UnitNormaliser.TARGET));
        if (specimenUrl != null) {
            o.setSpecimen(new Reference(specimenUrl));
        }
        String search = "identifier=" + Ig.SID_FILLER_ORDER + "|" + identifier;
        var request = tx.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(o)
                .getRequest();
        if (lab.status == ObservationStatus.CORRECTED || existing.test(identifier)) {
            // A correction, or a final result after a preliminary one: a new version of the same Observation. HAPI
            // skips the write when nothing changed, so a repeat stores no new version.
            request.setMethod(HTTPVerb.PUT).setUrl("Observation?" + search);
        } else {
            // First arrival: a conditional create, which HAPI's unique match-URL index keeps to one resource even
            // when the same result arrives on several connections at once.
            request.setMethod(HTTPVerb.POST).setUrl("Observation").setIfNoneExist(search);
        }
    }

    /** Days since the operation the result follows (0 = day of surgery); null when no LAR precedes it. */
    static Integer postoperativeDay(TrialContext context, V2Time time) {
        var lar = context.larOnOrBefore(time.localDate());
        return lar == null ? null : (int) ChronoUnit.DAYS.between(TrialContext.larDate(lar), time.localDate());
    }
}
