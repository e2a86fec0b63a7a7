package org.exotrial.cohort;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Quantity;

/** Small builders for the data types the writers repeat. */
final class Values {

    private Values() {}

    static CodeableConcept concept(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    /** A free-text concept, for events the guide binds to no value set and we have no verified code for. */
    static CodeableConcept text(String text) {
        return new CodeableConcept().setText(text);
    }

    /** UCUM quantity; {@code unit} is the human-readable unit the examples show. */
    static Quantity ucum(BigDecimal value, String code, String unit) {
        return new Quantity()
                .setValue(value)
                .setUnit(unit)
                .setSystem(IgNames.UCUM)
                .setCode(code);
    }

    static Quantity ucum(long value, String code, String unit) {
        return ucum(BigDecimal.valueOf(value), code, unit);
    }

    /** One decimal, as laboratories report cytokines. */
    static BigDecimal oneDecimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }
}
