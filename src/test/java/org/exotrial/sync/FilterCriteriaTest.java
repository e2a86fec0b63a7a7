package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Backport filter criteria: their syntax, and only what the topic's canFilterBy offers. */
class FilterCriteriaTest {

    private static final String OUTCOMES = "https://exotrial.org/fhir/SubscriptionTopic/outcome-recorded";
    private static final Set<String> OUTCOME_TYPES = Set.of("Encounter", "Observation", "Procedure");
    private static final Map<String, Set<String>> OUTCOME_FILTERS = Map.of(
            "Observation", Set.of("trial-study"),
            "Procedure", Set.of("trial-study"),
            "Encounter", Set.of("trial-study"));

    @Test
    void aTypedCriterionHasItsTypeParameterAndValues() {
        assertThat(FilterCriteria.parse("ResearchSubject?study=ResearchStudy/lar-exosome-trial"))
                .isEqualTo(new FilterCriteria("ResearchSubject", "study", List.of("ResearchStudy/lar-exosome-trial")));
        assertThat(FilterCriteria.parse("Observation?trial-study=ResearchStudy/a,ResearchStudy/b"))
                .isEqualTo(new FilterCriteria(
                        "Observation", "trial-study", List.of("ResearchStudy/a", "ResearchStudy/b")));
        assertThat(FilterCriteria.parse("study=ResearchStudy/a"))
                .isEqualTo(new FilterCriteria(null, "study", List.of("ResearchStudy/a")));
    }

    @Test
    void malformedCriteriaAreRefusedWithTheReason() {
        assertThatThrownBy(() -> FilterCriteria.parse("Observation?trial-study:missing=true"))
                .hasMessageContaining("modifier ':missing'");
        assertThatThrownBy(() -> FilterCriteria.parse("Observation?trial-study=a&code=b"))
                .hasMessageContaining("more than one parameter");
        assertThatThrownBy(() -> FilterCriteria.parse("Observation?trial-study=a,,b"))
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> FilterCriteria.parse("Observation?trial-study="))
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> FilterCriteria.parse("Observation")).hasMessageContaining("not of the form");
        assertThatThrownBy(() -> FilterCriteria.parse("")).hasMessageContaining("not of the form");
    }

    @Test
    void onlyWhatTheTopicCanFilterByIsAccepted() {
        assertThatCode(() -> check("Observation?trial-study=ResearchStudy/a")).doesNotThrowAnyException();
        assertThatThrownBy(() -> check("Observation?code=http://loinc.org|26881-3"))
                .hasMessageContaining("cannot filter Observation by 'code'")
                .hasMessageContaining("Observation?trial-study=<value>");
        assertThatThrownBy(() -> check("ResearchSubject?study=ResearchStudy/a"))
                .hasMessageContaining("cannot filter ResearchSubject by 'study'");
    }

    @Test
    void anUntypedStudyFilterMeansEachTypesStudyParameter() {
        assertThatCode(() -> check("study=ResearchStudy/a")).doesNotThrowAnyException();
        assertThatCode(() -> FilterCriteria.parse("study=ResearchStudy/a")
                        .checkAgainst(
                                "subject-enrolment",
                                Set.of("ResearchSubject"),
                                Map.of("ResearchSubject", Set.of("study"))))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> check("code=x")).hasMessageContaining("a filter without a type");
        assertThatThrownBy(() -> FilterCriteria.parse("study=ResearchStudy/a")
                        .checkAgainst(OUTCOMES, OUTCOME_TYPES, Map.of("Observation", Set.of("trial-study"))))
                .hasMessageContaining("cannot filter Encounter by 'study'");
    }

    private static void check(String criterion) {
        FilterCriteria.parse(criterion).checkAgainst(OUTCOMES, OUTCOME_TYPES, OUTCOME_FILTERS);
    }
}
