package org.exotrial.cohort;

import java.time.LocalDate;
import org.exotrial.ig.IgNames;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One participant while their bundle is written: allocation, day of the index operation (postoperative day 0), the
 * random stream their values come from, and the transaction the writers add to.
 */
final class Participant {

    final Keys keys;
    final Arm arm;
    final LocalDate surgery;
    final Dice dice;
    private final Transaction transaction;
    /** fullUrl of the Patient, set by {@link Enrolment}. */
    String patient;

    Participant(Keys keys, Arm arm, LocalDate surgery, Dice dice) {
        this.keys = keys;
        this.arm = arm;
        this.surgery = surgery;
        this.dice = dice;
        this.transaction = new Transaction(keys);
    }

    Study study() {
        return arm.study;
    }

    /** Local time at the site on postoperative day {@code day}, with the site's offset, e.g. 2025-01-12T07:00:00+03:30. */
    DateTimeType at(int day, String time) {
        return new DateTimeType(surgery.plusDays(day) + "T" + time + study().utcOffset);
    }

    Extension inStudy() {
        return new Extension(IgNames.EXT_STUDY, new Reference(study().reference()));
    }

    static Extension postoperativeDay(int day) {
        return new Extension(IgNames.EXT_POSTOPERATIVE_DAY, new IntegerType(day));
    }

    Identifier resourceId(String kind) {
        return new Identifier().setSystem(Ig.SID_RESOURCE).setValue(keys.resourceId(kind));
    }

    /**
     * An Observation of this participant as every profile of the guide wants it: in the study, on a postoperative
     * day, keyed by its business identifier, final, of a category, about the patient, at a time of that day.
     */
    Observation observation(Identifier key, int day, String category, CodeableConcept code, String time) {
        Observation o = new Observation();
        o.addExtension(inStudy());
        o.addExtension(postoperativeDay(day));
        o.addIdentifier(key);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(Values.concept(IgNames.OBSERVATION_CATEGORY, category));
        o.setCode(code);
        o.setSubject(patientReference());
        o.setEffective(at(day, time));
        return o;
    }

    Reference patientReference() {
        return new Reference(patient);
    }

    /**
     * Claims the guide profile {@code profileId} (null: none, the guide does not profile the type) and adds the
     * resource as a conditional create on {@code key}. Returns its fullUrl.
     */
    String post(String kind, Resource resource, String profileId, Identifier key) {
        if (profileId != null) {
            resource.getMeta().addProfile(ImplementationGuide.PROFILE_BASE + profileId);
        }
        return transaction.post(kind, resource, key);
    }

    Transaction transaction() {
        return transaction;
    }
}
