package org.exotrial.ingest.hl7v2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * Converts a cytokine concentration to pg/mL, the only unit the IG allows. The conversion is UCUM's own (the
 * {@code org.fhir:ucum} library HAPI's validator brings, with the UCUM essence from its jar): any unit of mass per
 * volume converts (ng/L, ug/dL, kg/m3, ...); anything else (IU/mL, mmol/L, a rate, an unknown string) has no conversion
 * and is refused rather than guessed. UCUM's decimals keep the precision, so 12.5 ng/L stays 12.5 pg/mL. The essence is
 * parsed once, on the first result (about 0.4 s), and the service is shared: it only reads its model.
 */
final class UnitNormaliser {

    static final String TARGET = "pg/mL";

    /** What v2 senders write that is not UCUM, as UCUM spells it; everything else is taken as a UCUM code. */
    private static final Map<String, String> NON_UCUM = Map.of("\u00b5", "u", "\u03bc", "u", "mcg", "ug");

    private UnitNormaliser() {}

    /** The value in pg/mL, or empty when the unit is not a UCUM mass concentration. */
    static Optional<BigDecimal> toPgPerMl(BigDecimal value, String unit) {
        if (unit == null || unit.isBlank()) {
            return Optional.empty();
        }
        String ucum = unit.trim();
        for (var spelling : NON_UCUM.entrySet()) {
            ucum = ucum.replace(spelling.getKey(), spelling.getValue());
        }
        try {
            Decimal converted = Ucum.SERVICE.convert(new Decimal(value.toPlainString()), ucum, TARGET);
            BigDecimal result = new BigDecimal(converted.asDecimal());
            // Plain notation: 1.5 ng/mL is 1500 pg/mL, never 1.5E+3.
            return Optional.of(result.scale() < 0 ? result.setScale(0) : result);
        } catch (UcumException | RuntimeException e) {
            // Not UCUM, or not a mass concentration: UCUM says the canonical forms differ.
            return Optional.empty();
        }
    }

    /** Loaded on first use, so a server that receives no v2 results never parses the essence. */
    private static final class Ucum {

        static final UcumEssenceService SERVICE = load();

        private static UcumEssenceService load() {
            try (InputStream essence = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
                if (essence == null) {
                    throw new IllegalStateException("ucum-essence.xml is not on the class path (org.fhir:ucum)");
                }
                return new UcumEssenceService(essence);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (UcumException e) {
                throw new IllegalStateException("the UCUM essence does not load", e);
            }
        }
    }
}
