package org.exotrial.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.exotrial.storage.StoredResourceCheck;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Refuses a write that does not conform to the IG profiles it declares or that its kind/code implies: 422 with an
 * OperationOutcome whose issues name the element ({@code expression}). Inferred profiles are recorded in
 * {@code meta.profile} so readers see what the resource was validated against.
 */
final class WriteConformanceInterceptor extends StoredResourceCheck {

    /**
     * Types only the server writes (no client role may create, update or delete them): the guide profiles none of
     * them, and the audit trail is written in batches that should not wait for a validator. Skipped by type, here,
     * rather than by who writes, so the rule holds whichever request the audit writer happens to use.
     */
    private static final Set<String> SERVER_WRITTEN = Set.of("AuditEvent");

    private final IgValidator validator;
    private final StudyArmRule studyArmRule;

    WriteConformanceInterceptor(IgValidator validator, StudyArmRule studyArmRule) {
        this.validator = validator;
        this.studyArmRule = studyArmRule;
    }

    @Override
    protected void check(RequestDetails request, IBaseResource resource) {
        if (SERVER_WRITTEN.contains(resource.fhirType())) {
            return;
        }
        Set<String> profiles = ProfileSelector.requiredProfiles(resource);
        if (profiles.isEmpty()) {
            return;
        }
        for (String profile : profiles) {
            if (resource.getMeta().getProfile().stream().noneMatch(p -> profile.equals(p.getValueAsString()))) {
                resource.getMeta().addProfile(profile);
            }
        }
        List<Issue> issues = new ArrayList<>();
        for (SingleValidationMessage m : validator.errors(resource, profiles)) {
            issues.add(new Issue(element(m), m.getMessage()));
        }
        studyArmRule.check(resource).ifPresent(issues::add);
        if (!issues.isEmpty()) {
            throw new UnprocessableEntityException(validator.fhirContext(), outcome(resource, profiles, issues));
        }
    }

    /**
     * The element an issue is about. For cardinality errors HAPI reports the parent as location and names the missing
     * element at the start of the message ("ResearchSubject.assignedArm: minimum required = 1"); use that element.
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

    private static OperationOutcome outcome(IBaseResource resource, Set<String> profiles, List<Issue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (Issue issue : issues) {
            var oo = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.PROCESSING)
                    .setDiagnostics(resource.fhirType() + " does not conform to " + String.join(", ", profiles) + ": "
                            + issue.message());
            if (issue.expression() != null) {
                oo.addExpression(issue.expression());
                oo.addLocation(issue.expression());
            }
        }
        return outcome;
    }

    record Issue(String expression, String message) {}
}
