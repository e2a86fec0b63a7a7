package org.exotrial.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnitNormaliserTest {

    @ParameterizedTest(name = "{0} {1} = {2} pg/mL")
    @CsvSource({
        "12.8, pg/mL, 12.8",
        "12.8, ng/L, 12.8",
        "1.5, ng/mL, 1500",
        "1.5, ug/L, 1500",
        "0.002, ug/mL, 2000",
        "250, pg/L, 0.250",
        "3, ng/dL, 30"
    })
    void convertsMassConcentrations(String value, String unit, String expected) {
        assertThat(UnitNormaliser.toPgPerMl(new BigDecimal(value), unit))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
        assertThat(UnitNormaliser.toPgPerMl(new BigDecimal(value), unit)
                        .orElseThrow()
                        .toString())
                .doesNotContain("E");
    }

    /** Whatever UCUM says is a mass per volume converts, and v2 senders' non-UCUM spellings of micro are understood. */
    @ParameterizedTest(name = "{0} {1} = {2} pg/mL")
    @CsvSource({
        "2, ng/cL, 200",
        "7, fg/uL, 7",
        "4, kg/m3, 4000000000",
        "0.5, ug/dL, 5000",
        "1.2, mcg/L, 1200",
        "1.2, \u00b5g/L, 1200",
        "1.2, \u03bcg/L, 1200",
        "12.50, ng/L, 12.50"
    })
    void convertsAnyUcumMassConcentration(String value, String unit, String expected) {
        assertThat(UnitNormaliser.toPgPerMl(new BigDecimal(value), unit))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[IU]/mL", "mmol/L", "pg", "%", "", "pg/mL/h", "mcg", "no such unit", "mg/kg"})
    void refusesWhatIsNotAMassConcentration(String unit) {
        assertThat(UnitNormaliser.toPgPerMl(BigDecimal.ONE, unit)).isEmpty();
    }
}
