package org.exotrial.cohort;

import java.util.List;
import java.util.Locale;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * The Patient (keyed on the MRN) and their ResearchSubject (keyed on the subject number). Names are drawn from short
 * lists and the family name cycles with the participant number, so a demo reads like a ward list without any name
 * being a real person's.
 */
final class Enrolment {

    static final List<String> GIVEN_FEMALE =
            List.of("Maryam", "Zahra", "Fatemeh", "Leila", "Sara", "Niloufar", "Shirin", "Parisa", "Mina", "Roya");
    static final List<String> GIVEN_MALE =
            List.of("Ali", "Reza", "Hossein", "Mehdi", "Amir", "Hamid", "Saeed", "Kaveh", "Dariush", "Babak");
    static final List<String> FAMILY = List.of(
            "Ahmadi",
            "Karimi",
            "Hosseini",
            "Rahimi",
            "Moradi",
            "Jafari",
            "Sadeghi",
            "Rostami",
            "Navabi",
            "Tehrani",
            "Farahani",
            "Shirazi",
            "Ebrahimi",
            "Kazemi",
            "Nouri",
            "Mousavi",
            "Bagheri",
            "Ghorbani",
            "Zamani",
            "Azizi");

    private Enrolment() {}

    static void write(Participant p) {
        Dice dice = p.dice;
        boolean female = dice.chance(0.45);
        String given = (female ? GIVEN_FEMALE : GIVEN_MALE).get(dice.below(10));
        String family = FAMILY.get((int) (((long) p.keys.index() + 1) * 7 % FAMILY.size()));
        int age = dice.between(p.study().minAge, p.study().maxAge);
        String birth = String.format(
                Locale.ROOT, "%d-%02d-%02d", p.surgery.getYear() - age, dice.between(1, 12), dice.between(1, 28));

        Patient patient = new Patient();
        Identifier mrn = patient.addIdentifier()
                .setType(Values.concept(Ig.V2_0203, "MR"))
                .setSystem(IgNames.SID_MRN)
                .setValue(p.keys.mrn());
        patient.addName().setFamily(family).addGiven(given);
        patient.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        patient.setBirthDateElement(new DateType(birth));
        patient.addAddress().setCity(p.study().city).setCountry(p.study().country);
        p.patient = p.post("patient", patient, null, mrn);

        // Screening a week before the operation; follow-up to the study's last assessment.
        boolean fistula = p.study() == Study.FISTULA;
        ResearchSubject subject = new ResearchSubject();
        Identifier number =
                subject.addIdentifier().setSystem(Ig.SID_SUBJECT_NUMBER).setValue(p.keys.subjectNumber(p.study()));
        subject.setStatus(ResearchSubject.ResearchSubjectStatus.OFFSTUDY);
        subject.setPeriod(new Period()
                .setStartElement(
                        new DateTimeType(p.surgery.minusDays(fistula ? 28 : 7).toString()))
                .setEndElement(new DateTimeType(
                        p.surgery.plusDays(fistula ? FistulaCourse.WEEK_24 : 30).toString())));
        subject.setStudy(new Reference(p.study().reference()));
        subject.setIndividual(p.patientReference());
        subject.setAssignedArm(p.arm.armName);
        subject.setActualArm(p.arm.armName);
        p.post("subject", subject, "exotrial-subject", number);
    }
}
