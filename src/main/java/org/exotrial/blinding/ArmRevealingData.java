package org.exotrial.blinding;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
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

    private ArmRevealingData() {}

    /** The codes of the guide's search parameters that read arm-revealing data ({@code arm}, {@code product-type}). */
    static Set<String> searchParameterCodes(List<SearchParameter> parameters) {
        return parameters.stream()
                .filter(parameter -> parameter.hasExpression() && revealsArm(parameter.getExpression()))
                .map(SearchParameter::getCode)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean revealsArm(String expression) {
        return ARM_PATHS.stream().anyMatch(expression::contains)
                || ADMINISTRATION_EXTENSIONS.stream().anyMatch(expression::contains);
    }
}
