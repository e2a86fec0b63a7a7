package org.exotrial.views.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * The engine's share of a whole-study CSV: 200,000 cytokine-like Observations through a six-column view. Parsing per
 * row (or anything else per row that belongs in compile) would take minutes; the bound leaves room for a loaded CI
 * machine.
 */
class ViewEngineSpeedTest {

    private static final String VIEW =
            """
            {"resourceType":"ViewDefinition","resource":"Observation","status":"active",
             "where":[{"path":"status = 'final'"}],
             "select":[{"column":[
               {"name":"id","path":"getResourceKey()"},
               {"name":"patient_id","path":"subject.getReferenceKey(Patient)"},
               {"name":"analyte","path":"code.coding.where(system = 'http://loinc.org').code.first()"},
               {"name":"effective","path":"effective.ofType(dateTime)"},
               {"name":"value","path":"value.ofType(Quantity).value"},
               {"name":"unit","path":"value.ofType(Quantity).code"}]}]}""";

    @Test
    void twoHundredThousandObservationsTakeSecondsNotMinutes() {
        CompiledView view = new FhirPathViewCompiler(FhirContext.forR4Cached()).compile(VIEW);
        int n = 200_000;
        long rows = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            for (List<Object> row : view.rows(observation(i))) {
                rows += row.size() == 6 ? 1 : 0;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("View engine: %d rows in %.1f s (%.0f rows/s)%n", rows, seconds, rows / seconds);
        assertThat(rows).isEqualTo(n);
        assertThat(seconds).isLessThan(60);
    }

    private static Observation observation(int i) {
        Observation o = new Observation();
        o.setId("obs-" + i);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setSubject(new Reference("Patient/p-" + (i / 50)));
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "26881-3", "IL-6")));
        o.setEffective(new DateTimeType("2026-03-0" + (1 + i % 9) + "T08:00:00Z"));
        o.setValue(new Quantity()
                .setValue(new BigDecimal(i % 500).movePointLeft(1))
                .setCode("pg/mL"));
        return o;
    }
}
