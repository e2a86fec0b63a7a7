package org.exotrial.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exotrial.server.StoredResourceCheck;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Refuses a write that does not conform ({@link Conformance}): 422 with an OperationOutcome whose issues name the
 * element ({@code expression}). Inferred profiles are recorded in {@code meta.profile} so readers see what the
 * resource was validated against. A transaction's entries were validated before HAPI processed it
 * ({@link TransactionConformance}); those are not validated again here.
 */
final class WriteConformanceInterceptor extends StoredResourceCheck {

    /**
     * Types only the server writes (no client role may create, update or delete them): the guide profiles none of
     * them, and the audit trail is written in batches that should not wait for a validator. Skipped by type, here,
     * rather than by who writes, so the rule holds whichever request the audit writer happens to use.
     */
    private static final Set<String> SERVER_WRITTEN = Set.of("AuditEvent");

    private final Conformance conformance;

    WriteConformanceInterceptor(Conformance conformance) {
        this.conformance = conformance;
    }

    @Override
    protected void check(RequestDetails request, IBaseResource resource) {
        if (SERVER_WRITTEN.contains(resource.fhirType())) {
            return;
        }
        Set<String> profiles = Conformance.recordProfiles(resource);
        List<Conformance.Issue> issues;
        if (Prevalidated.contains(request, resource)) {
            issues = conformance.errorsBesidesProfiles(resource);
        } else if (profiles.isEmpty() && serversOwn(request)) {
            // The server's own writes of what the guide does not profile: the guide's definitions as HAPI installs
            // them, subscriptions' bookkeeping. They are not a sender's data; core validation would only slow startup.
            return;
        } else {
            issues = conformance.errors(resource, profiles, Map.of());
        }
        if (!issues.isEmpty()) {
            throw new UnprocessableEntityException(
                    conformance.validator().fhirContext(), outcome(resource, profiles, issues));
        }
    }

    /** Writes no client request carries: HAPI's package installer, the demo loader, the HL7 v2 mapper. */
    private static boolean serversOwn(RequestDetails request) {
        return request == null || request instanceof SystemRequestDetails;
    }

    static String conformsTo(IBaseResource resource, Set<String> profiles) {
        return resource.fhirType() + " does not conform to "
                + (profiles.isEmpty() ? "FHIR R4" : "FHIR R4 and " + String.join(", ", profiles));
    }

    private static OperationOutcome outcome(
            IBaseResource resource, Set<String> profiles, List<Conformance.Issue> issues) {
        OperationOutcome outcome = new OperationOutcome();
        for (Conformance.Issue issue : issues) {
            var oo = outcome.addIssue()
                    .setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.PROCESSING)
                    .setDiagnostics(conformsTo(resource, profiles) + ": " + issue.message());
            if (issue.expression() != null) {
                oo.addExpression(issue.expression());
                oo.addLocation(issue.expression());
            }
        }
        return outcome;
    }
}
