package org.exotrial.ingest.hl7v2;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a cytokine concentration to pg/mL, the only unit the IG allows. Only UCUM mass-per-volume units are
 * equivalent; anything else (IU/mL, mmol/L, an unknown string) has no conversion and is refused rather than guessed.
 * The factors are exact decimal powers of ten, so 12.5 ng/L stays 12.5 pg/mL (same digits, same precision).
 */
final class UnitNormaliser {

    static final String TARGET = "pg/mL";

    /** grams per unit of mass, as a power of ten. */
    private static final Map<String, Integer> MASS = Map.of("pg", -12, "ng", -9, "ug", -6, "mcg", -6, "mg", -3, "g", 0);

    /** litres per unit of volume, as a power of ten. */
    private static final Map<String, Integer> VOLUME = Map.of("mL", -3, "dL", -1, "L", 0, "uL", -6);

    private UnitNormaliser() {}

    /** The value in pg/mL, or empty when the unit is not a UCUM mass concentration. */
    static Optional<BigDecimal> toPgPerMl(BigDecimal value, String ucumUnit) {
        if (ucumUnit == null) {
            return Optional.empty();
        }
        String unit = ucumUnit.trim().replace('\u00b5', 'u').replace('\u03bc', 'u');
        int slash = unit.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Integer mass = MASS.get(unit.substring(0, slash));
        Integer volume = VOLUME.get(unit.substring(slash + 1));
        if (mass == null || volume == null) {
            return Optional.empty();
        }
        // value * 10^mass g / 10^volume L, expressed in pg/mL = 10^-12 g / 10^-3 L.
        int exponent = (mass - volume) - (-12 - -3);
        BigDecimal converted = value.scaleByPowerOfTen(exponent);
        // Plain notation: 1.5 ng/mL is 1500 pg/mL, never 1.5E+3.
        return Optional.of(converted.scale() < 0 ? converted.setScale(0) : converted);
    }
}
