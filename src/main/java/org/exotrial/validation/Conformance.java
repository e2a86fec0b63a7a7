package org.exotrial.validation;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchStudy;

/**
 * What the server holds a resource to, the same on every path (a write, a transaction checked before it is processed,
 * {@code $validate}): FHIR's core rules for every resource, the guide's profiles it claims or its kind or code implies
 * ({@link ProfileSelector}), and the study-arm rule. Unknown LOINC and SNOMED CT codes are warnings, as are profiles of
 * other guides; everything else the validator calls an error refuses the write.
 */
final class Conformance {

    private final IgValidator validator;
    private final StudyArmRule studyArmRule;

    Conformance(IgValidator validator, StudyArmRule studyArmRule) {
        this.validator = validator;
        this.studyArmRule = studyArmRule;
    }

    /** The guide's profiles the resource must meet; recorded in meta.profile so readers see what it was held to. */
    static Set<String> recordProfiles(IBaseResource resource) {
        Set<String> profiles = ProfileSelector.requiredProfiles(resource);
        for (String profile : profiles) {
            if (resource.getMeta().getProfile().stream().noneMatch(p -> profile.equals(p.getValueAsString()))) {
                resource.getMeta().addProfile(profile);
            }
        }
        return profiles;
    }

    /** The errors of a resource about to be written. */
    List<Issue> errors(IBaseResource resource, Set<String> profiles, Map<String, ResearchStudy> studiesInBundle) {
        List<Issue> issues = new ArrayList<>();
        for (SingleValidationMessage m : validator.errors(resource, profiles)) {
            issues.add(Issue.of(m));
        }
        studyArmRule.check(resource, studiesInBundle).ifPresent(issues::add);
        return issues;
    }

    /** The arm rule alone, for a resource whose profiles were validated before its transaction was processed. */
    List<Issue> errorsBesidesProfiles(IBaseResource resource) {
        return studyArmRule.check(resource, Map.of()).stream().toList();
    }

    /** Every message, as {@code $validate} answers: the write's errors, and the warnings and notes beside them. */
    List<SingleValidationMessage> messages(IBaseResource resource, Set<String> extraProfiles) {
        Set<String> profiles = new LinkedHashSet<>(ProfileSelector.requiredProfiles(resource));
        profiles.addAll(extraProfiles);
        List<SingleValidationMessage> messages = new ArrayList<>(validator.messages(resource, profiles));
        studyArmRule.check(resource, Map.of()).ifPresent(issue -> {
            SingleValidationMessage m = new SingleValidationMessage();
            m.setSeverity(ResultSeverityEnum.ERROR);
            m.setLocationString(issue.expression());
            m.setMessage(issue.message());
            messages.add(m);
        });
        return messages;
    }

    IgValidator validator() {
        return validator;
    }

    /**
     * One reason a resource is refused.
     *
     * @param expression the element, as a FHIRPath from the resource type ({@code Observation.value.ofType(Quantity)});
     *     null when the validator names none
     * @param message what is wrong
     * @param rule the validator's message id, when it gives one
     */
    record Issue(String expression, String message, String rule) {

        static Issue of(SingleValidationMessage m) {
            return new Issue(element(m), m.getMessage(), m.getMessageId());
        }

        /**
         * The element an issue is about. For cardinality errors HAPI reports the parent as location and names the
         * missing element at the start of the message ("ResearchSubject.assignedArm: minimum required = 1"); use that
         * element.
         */
        static String element(SingleValidationMessage m) {
            String location = m.getLocationString();
            String message = m.getMessage() == null ? "" : m.getMessage();
            int colon = message.indexOf(": ");
            if (location != null && colon > 0) {
                String head = message.substring(0, colon);
                if (head.startsWith(location + ".") && !head.contains(" ")) {
                    return head;
                }
            }
            return location;
        }
    }
}
