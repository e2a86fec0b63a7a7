package org.exotrial.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadableMessagesTest {

    @Test
    void nestedValidationMessagesBecomeElementAndMessage() {
        String dumped = "The pattern [system http://snomed.info/sct, code 363351006] defined in the profile "
                + "https://exotrial.org/fhir/StructureDefinition/exotrial-lar|0.1.0 not found. Issues: "
                + "[ValidationMessage[level=ERROR,type=VALUE,location=Procedure.reasonCode[0].coding.code,"
                + "message=Value is '363406005' but is fixed to '363351006' in the profile x#Procedure], "
                + "ValidationMessage[level=ERROR,type=VALUE,location=Procedure.reasonCode[0].coding.system,"
                + "message=Value is 'a, b [c]' but is fixed to 'd']]";

        assertThat(ReadableMessages.of(dumped))
                .isEqualTo("The pattern [system http://snomed.info/sct, code 363351006] defined in the profile "
                        + "https://exotrial.org/fhir/StructureDefinition/exotrial-lar|0.1.0 not found. Issues: "
                        + "Procedure.reasonCode[0].coding.code: Value is '363406005' but is fixed to '363351006' "
                        + "in the profile x#Procedure; Procedure.reasonCode[0].coding.system: "
                        + "Value is 'a, b [c]' but is fixed to 'd'")
                .doesNotContain("ValidationMessage");
    }

    @Test
    void aMessageWithoutDumpsIsUnchanged() {
        assertThat(ReadableMessages.of("Constraint failed: exotrial-pg-per-ml [x]"))
                .isEqualTo("Constraint failed: exotrial-pg-per-ml [x]");
    }
}
