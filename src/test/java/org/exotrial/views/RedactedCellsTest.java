package org.exotrial.views;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.exotrial.views.engine.CompiledView;
import org.exotrial.views.engine.FhirPathViewCompiler;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/** Which cells of a masked resource read REDACTED: decided by the view and the masked copy, never by stored values. */
class RedactedCellsTest {

    private static final Set<String> WITHHELD = Set.of("assignedArm", "actualArm", "arm", "extension", "note", "text");

    private static final String VIEW =
            """
            {"resourceType":"ViewDefinition","resource":"ResearchSubject","status":"active",
             "select":[{"column":[
               {"name":"id","path":"getResourceKey()"},
               {"name":"status","path":"status"},
               {"name":"arm","path":"assignedArm"},
               {"name":"placebo","path":"assignedArm.where($this = 'Placebo')"},
               {"name":"study_text","path":"study.display"}]},
              {"unionAll":[
                {"column":[{"name":"either","path":"actualArm"}]},
                {"column":[{"name":"either","path":"status"}]}]}]}""";

    private final CompiledView view = new FhirPathViewCompiler(FhirContext.forR4Cached()).compile(VIEW);

    @Test
    void emptyCellsOfColumnsThatReadWithheldElementsAreRedactedWhateverTheStoredArm() {
        List<List<Object>> placebo = maskedRows("s1");
        List<List<Object>> exosome = maskedRows("s2");
        // Same cells for both arms: nothing tells the analyst which subject had which arm.
        assertThat(placebo.get(0).subList(1, 6)).isEqualTo(exosome.get(0).subList(1, 6));
        assertThat(placebo.get(0)).containsExactly("s1", "on-study", "REDACTED", "REDACTED", null, "REDACTED");
        // The unionAll option that reads status is not withheld, but the position it shares with actualArm is.
        assertThat(placebo.get(1)).containsExactly("s1", "on-study", "REDACTED", "REDACTED", null, "on-study");
    }

    @Test
    void sourcesNameEveryExpressionThatFeedsAColumn() {
        assertThat(view.sources(3)).containsExactly(List.of("assignedArm.where($this = 'Placebo')"));
        assertThat(view.sources(5)).containsExactly(List.of("actualArm"), List.of("status"));
    }

    /** The rows of a subject masked as blinding masks it: no arms. */
    private List<List<Object>> maskedRows(String id) {
        ResearchSubject masked = new ResearchSubject();
        masked.setId(id);
        masked.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        List<List<Object>> rows = new ArrayList<>(view.rows(masked));
        new RedactedCells(view, WITHHELD).mark(rows);
        return rows;
    }
}
