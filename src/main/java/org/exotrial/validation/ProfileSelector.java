package org.exotrial.validation;

import static org.exotrial.ig.IgNames.CS_ENCOUNTER_TYPE;
import static org.exotrial.ig.IgNames.CS_OBSERVATION;
import static org.exotrial.ig.IgNames.CS_PROCEDURE;
import static org.exotrial.ig.IgNames.LOINC;
import static org.exotrial.ig.IgNames.SNOMED;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/**
 * Which IG profiles a resource must meet: those it declares, plus the one its kind or its code implies. Inference is
 * what makes the guide enforceable against senders that never set {@code meta.profile}. The table mirrors the "identified
 * by" column of docs/ig/README.md; {@code ProfileSelectorTest} checks it against every example in the package.
 */
public final class ProfileSelector {

    /** Resource types where every instance belongs to a study, so the profile never depends on a code. */
    private static final Map<String, String> BY_TYPE = Map.of(
            "ResearchStudy", "exotrial-study",
            "ResearchSubject", "exotrial-subject",
            "AdverseEvent", "exotrial-adverse-event");

    private record CodeRule(String system, String code, String profile) {}

    private static final List<CodeRule> OBSERVATION_CODES = List.of(
            new CodeRule(LOINC, "26881-3", "exotrial-il6"),
            new CodeRule(LOINC, "49732-1", "exotrial-il6"),
            new CodeRule(LOINC, "3074-2", "exotrial-tnf-alpha"),
            new CodeRule(CS_OBSERVATION, "tnf-alpha-peritoneal", "exotrial-tnf-alpha"),
            new CodeRule(CS_OBSERVATION, "ccis", "exotrial-ccis"),
            new CodeRule(CS_OBSERVATION, "qolafq", "exotrial-qolafq"),
            new CodeRule(SNOMED, "236091002", "exotrial-anastomotic-leak"),
            new CodeRule(CS_OBSERVATION, "fistula-healing", "exotrial-fistula-healing"),
            new CodeRule(CS_OBSERVATION, "colonoscopy-integrity", "exotrial-colonoscopy-integrity"));

    private static final List<CodeRule> PROCEDURE_CODES = List.of(
            new CodeRule(SNOMED, "4558008", "exotrial-lar"),
            new CodeRule(CS_PROCEDURE, "msc-administration", "exotrial-msc-administration"),
            new CodeRule(CS_PROCEDURE, "incision-drainage", "exotrial-fistula-procedure"),
            new CodeRule(CS_PROCEDURE, "laser-closure", "exotrial-fistula-procedure"),
            new CodeRule(CS_PROCEDURE, "advancement-flap", "exotrial-fistula-procedure"),
            new CodeRule(CS_PROCEDURE, "seton", "exotrial-fistula-procedure"),
            new CodeRule(CS_PROCEDURE, "curettage-internal-opening-closure", "exotrial-fistula-procedure"));

    private static final List<CodeRule> ENCOUNTER_TYPES =
            List.of(new CodeRule(CS_ENCOUNTER_TYPE, "surgical-stay", "exotrial-surgical-stay"));

    private ProfileSelector() {}

    /** The IG profile URLs the resource must conform to; empty when the guide says nothing about it. */
    public static Set<String> requiredProfiles(IBaseResource resource) {
        Set<String> profiles = new LinkedHashSet<>();
        resource.getMeta().getProfile().stream()
                .map(p -> p.getValueAsString())
                .filter(p -> p != null && p.startsWith(ImplementationGuide.PROFILE_BASE))
                .forEach(profiles::add);
        String inferred = inferredProfile(resource);
        if (inferred != null) {
            profiles.add(ImplementationGuide.PROFILE_BASE + inferred);
        }
        return profiles;
    }

    static String inferredProfile(IBaseResource resource) {
        String type = resource.fhirType();
        if (BY_TYPE.containsKey(type)) {
            return BY_TYPE.get(type);
        }
        if (resource instanceof Observation o) {
            return match(o.getCode(), OBSERVATION_CODES);
        }
        if (resource instanceof Procedure p) {
            return match(p.getCode(), PROCEDURE_CODES);
        }
        if (resource instanceof Encounter e) {
            return e.getType().stream()
                    .map(t -> match(t, ENCOUNTER_TYPES))
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    private static String match(CodeableConcept concept, List<CodeRule> rules) {
        for (Coding coding : concept.getCoding()) {
            for (CodeRule rule : rules) {
                if (rule.system().equals(coding.getSystem()) && rule.code().equals(coding.getCode())) {
                    return rule.profile();
                }
            }
        }
        return null;
    }
}
