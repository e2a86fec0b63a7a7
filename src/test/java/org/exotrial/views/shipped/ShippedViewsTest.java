package org.exotrial.views.shipped;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.demo.DemoProperties;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.views.engine.CompiledView;
import org.exotrial.views.engine.FhirPathViewCompiler;
import org.exotrial.views.engine.ViewColumn;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The guide's views compile with the engine and give the rows the generator's resources call for. The expected
 * figures are counted from the generated resources themselves (codes and values), not from the views.
 */
class ShippedViewsTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final ShippedViews VIEWS = ShippedViews.of(ImplementationGuide.fromClasspath(FHIR));
    static final FhirPathViewCompiler COMPILER = new FhirPathViewCompiler(FHIR);

    @Test
    void theGuideShipsTheTrialsViewsUnderTheirCanonicalUrls() {
        assertThat(VIEWS.all())
                .extracting(ShippedView::id)
                .containsExactlyInAnyOrder(
                        "exotrial-subjects",
                        "exotrial-cytokines",
                        "exotrial-outcomes-leak",
                        "exotrial-outcomes-colonoscopy",
                        "exotrial-outcomes-stay",
                        "exotrial-fistula-scores");
        ShippedView subjects = VIEWS.find("https://exotrial.org/fhir/ViewDefinition/exotrial-subjects")
                .orElseThrow();
        assertThat(VIEWS.find("ViewDefinition/exotrial-subjects")).contains(subjects);
        assertThat(VIEWS.find("Library/exotrial-subjects")).contains(subjects);
        assertThat(VIEWS.find("https://exotrial.org/fhir/ViewDefinition/exotrial-subjects|1.0"))
                .contains(subjects);
        assertThat(VIEWS.find("ViewDefinition/nope")).isEmpty();
        assertThat(VIEWS.find(null)).isEmpty();
    }

    @Test
    void everyViewCompiles() {
        for (ShippedView view : VIEWS.all()) {
            CompiledView compiled = COMPILER.compile(view.json());
            assertThat(compiled.columns()).as(view.id()).isNotEmpty();
            assertThat(compiled.columns()).extracting(ViewColumn::type).doesNotContainNull();
        }
    }

    @Test
    void cytokinesGiveOneRowPerResultWithAnalyteSpecimenDayAndValue() {
        List<Resource> resources = cohort(6);
        long il6Serum = count(resources, "26881-3");
        long il6Drain = count(resources, "49732-1");
        long tnfSerum = count(resources, "3074-2");
        long tnfDrain = count(resources, "tnf-alpha-peritoneal");
        List<Map<String, Object>> rows = rows("exotrial-cytokines", resources);
        assertThat(il6Serum).isPositive();
        assertThat(rows).hasSize((int) (il6Serum + il6Drain + tnfSerum + tnfDrain));
        assertThat(rows.stream().filter(r -> "IL-6".equals(r.get("analyte")) && "serum".equals(r.get("specimen"))))
                .hasSize((int) il6Serum);
        assertThat(rows.stream()
                        .filter(r -> "TNF-alpha".equals(r.get("analyte")) && "peritoneal".equals(r.get("specimen"))))
                .hasSize((int) tnfDrain);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.get("postoperative_day")).isIn(1, 3, 5);
            assertThat(r.get("value")).isInstanceOf(BigDecimal.class);
            assertThat(r.get("unit")).isEqualTo("pg/mL");
            assertThat(r.get("study_id")).isEqualTo("lar-exosome-trial");
            assertThat(r.get("effective")).asString().contains("T07:00:00");
        });
    }

    @Test
    void outcomesGiveLeakGradeColonoscopyAndStay() {
        List<Resource> resources = cohort(6);
        List<Map<String, Object>> leaks = rows("exotrial-outcomes-leak", resources);
        assertThat(leaks).hasSize((int) count(resources, "236091002"));
        assertThat(leaks).allSatisfy(r -> {
            assertThat(r.get("leak")).isInstanceOf(Boolean.class);
            if (Boolean.TRUE.equals(r.get("leak"))) {
                assertThat(r.get("isrec_grade")).isIn("A", "B", "C");
            } else {
                assertThat(r.get("isrec_grade")).isNull();
            }
        });
        assertThat(rows("exotrial-outcomes-colonoscopy", resources))
                .hasSize((int) count(resources, "colonoscopy-integrity"))
                .allSatisfy(r -> assertThat(r.get("integrity")).isIn("intact", "dehiscence", "stricture"));
        assertThat(rows("exotrial-outcomes-stay", resources))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("length_of_stay_days")).isNotNull());
    }

    @Test
    void subjectsAndFistulaScores() {
        List<Resource> resources = cohort(7);
        List<Map<String, Object>> subjects = rows("exotrial-subjects", resources);
        assertThat(subjects).hasSize((int) resources.stream()
                .filter(r -> r.fhirType().equals("ResearchSubject"))
                .count());
        assertThat(subjects).allSatisfy(r -> {
            assertThat(r.get("assigned_arm")).isNotNull();
            assertThat(r.get("enrolment_date")).isNotNull();
            assertThat(r.get("status")).isEqualTo("off-study");
            assertThat(r.get("status_date")).isNotNull();
        });
        List<Map<String, Object>> scores = rows("exotrial-fistula-scores", resources);
        assertThat(scores).hasSize((int) (count(resources, "ccis") + count(resources, "qolafq")));
        assertThat(scores).allSatisfy(r -> {
            assertThat(r.get("instrument")).isIn("CCIS", "QoLAF-Q");
            assertThat(r.get("score")).isInstanceOf(Integer.class);
        });
    }

    static List<Resource> cohort(int size) {
        List<Resource> resources = new ArrayList<>();
        CohortGenerator generator = new CohortGenerator(DemoProperties.COHORT_SEED);
        for (int i = 0; i < size; i++) {
            for (Bundle.BundleEntryComponent entry : generator.participant(i).getEntry()) {
                Resource resource = entry.getResource();
                resource.setId(entry.getFullUrl());
                resources.add(resource);
            }
        }
        return resources;
    }

    static long count(List<Resource> resources, String code) {
        return resources.stream()
                .filter(r -> r instanceof org.hl7.fhir.r4.model.Observation o
                        && o.getCode().getCoding().stream().anyMatch(c -> code.equals(c.getCode())))
                .count();
    }

    static List<Map<String, Object>> rows(String id, List<Resource> resources) {
        CompiledView view = COMPILER.compile(
                VIEWS.find("ViewDefinition/" + id).orElseThrow().json());
        List<String> names = view.columns().stream().map(ViewColumn::name).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Resource resource : resources) {
            if (!resource.fhirType().equals(view.resourceType())) {
                continue;
            }
            for (List<Object> row : view.rows(resource)) {
                Map<String, Object> named = new TreeMap<>();
                for (int i = 0; i < names.size(); i++) {
                    named.put(names.get(i), row.get(i));
                }
                rows.add(named);
            }
        }
        return rows;
    }

    static String describe(List<Map<String, Object>> rows) {
        return rows.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }
}
