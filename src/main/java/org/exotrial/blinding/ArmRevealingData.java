package org.exotrial.blinding;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * What tells a participant's arm, in one place: the ResearchSubject elements, the administration extensions (what
 * was given, how much, which lot, how: in the IV-vs-topical study the route is the arm), and every search parameter of
 * the guide that reads any of them.
 */
final class ArmRevealingData {

    static final String STUDY_REFERENCE = ImplementationGuide.PROFILE_BASE + "exotrial-study-reference";
    static final String MASKING = ImplementationGuide.PROFILE_BASE + "exotrial-masking";

    /** Extensions of the administration Procedure withheld from blinded callers. */
    static final Set<String> ADMINISTRATION_EXTENSIONS = Set.of(
                    "exotrial-msc-product-type",
                    "exotrial-source-tissue",
                    "exotrial-route",
                    "exotrial-particle-dose",
                    "exotrial-volume",
                    "exotrial-concentration",
                    "exotrial-dose-number",
                    "exotrial-lot-number")
            .stream()
            .map(id -> ImplementationGuide.PROFILE_BASE + id)
            .collect(Collectors.toUnmodifiableSet());

    /** FHIRPath fragments that, inside a search parameter's expression, make it a search by arm. */
    private static final List<String> ARM_PATHS = List.of("assignedArm", "actualArm", ".arm");

    /**
     * The parameter that ties a resource of a type searched by arm to its study, when a resource holds exactly one
     * study there: {@code ResearchSubject.study} is 1..1 in R4, and a Procedure's study reference is one extension
     * ({@link OneStudyPerRecord} refuses a second). A search of the type limited by this parameter to unmasked studies
     * cannot select a participant of a masked one.
     */
    static final Map<String, String> STUDY_PARAMETERS = Map.of("Procedure", "trial-study", "ResearchSubject", "study");

    private ArmRevealingData() {}

    /**
     * The guide's search parameters that read arm-revealing data ({@code arm}, {@code product-type}), by code, each
     * with the resource types it is defined on.
     */
    static Map<String, Set<String>> searchParameters(List<SearchParameter> parameters) {
        return parameters.stream()
                .filter(parameter -> parameter.hasExpression() && revealsArm(parameter.getExpression()))
                .collect(Collectors.toUnmodifiableMap(
                        SearchParameter::getCode,
                        parameter -> parameter.getBase().stream()
                                .map(base -> base.getCode())
                                .collect(Collectors.toUnmodifiableSet()),
                        (a, b) -> Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet())));
    }

    private static boolean revealsArm(String expression) {
        return ARM_PATHS.stream().anyMatch(expression::contains)
                || ADMINISTRATION_EXTENSIONS.stream().anyMatch(expression::contains);
    }
}
