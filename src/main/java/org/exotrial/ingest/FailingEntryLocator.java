package org.exotrial.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * HAPI reports a failing transaction entry by what went wrong ("Resource Patient/x not found, specified in path:
 * Observation.subject") but not by which entry it was. A sender with a 1,000-entry bundle needs the entry: this adds
 * its index and fullUrl to the OperationOutcome (issue.expression {@code Bundle.entry[i]}, and the diagnostics).
 */
final class FailingEntryLocator {

    private static final Pattern UNSTORED_TYPE = Pattern.compile("Resource (\\w+) is not supported on this server");
    private static final Pattern MISSING_REFERENCE =
            Pattern.compile("Resource (\\S+) not found, specified in path: ([A-Za-z]+\\.[A-Za-z.\\[\\]0-9]+)");

    /**
     * SERVER_PRE_PROCESS_OUTGOING_EXCEPTION: the error of a failed transaction, before HAPI writes it; protects
     * senders from an OperationOutcome that does not say which entry failed.
     */
    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException locate(RequestDetails request, Throwable exception) {
        if (!(exception instanceof BaseServerResponseException error)) {
            return null;
        }
        if (request != null
                && request.getRestOperationType() == RestOperationTypeEnum.TRANSACTION
                && request.getResource() instanceof Bundle bundle) {
            int index = failingEntry(
                    bundle, error.getMessage(), request.getUserData().get(EntryTracker.CURRENT));
            if (index >= 0) {
                error.setOperationOutcome(
                        outcome(error, index, bundle.getEntry().get(index).getFullUrl()));
            }
        }
        return error;
    }

    /**
     * HAPI checks references after every entry has been stored, so for "Resource X not found, specified in path:
     * Type.element" the entry is the one of that type that holds the reference; otherwise the failure happened
     * while the last announced resource was being written (validation and other storage hooks).
     */
    static int failingEntry(Bundle bundle, String message, Object current) {
        Matcher unstored = UNSTORED_TYPE.matcher(message == null ? "" : message);
        if (unstored.find()) {
            // HAPI refuses a type it does not store before writing the entry: the first entry of that type.
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                var resource = bundle.getEntry().get(i).getResource();
                if (resource != null && resource.fhirType().equals(unstored.group(1))) {
                    return i;
                }
            }
        }
        Matcher missing = MISSING_REFERENCE.matcher(message == null ? "" : message);
        if (missing.find()) {
            String target = missing.group(1);
            // HAPI quotes the search parameter's expression, e.g. Observation.subject.where(resolve() is Patient).
            String path = missing.group(2).replaceFirst("\\.(where|ofType|as|resolve)$", "");
            String type = path.substring(0, path.indexOf('.'));
            for (int i = 0; i < bundle.getEntry().size(); i++) {
                var resource = bundle.getEntry().get(i).getResource();
                if (resource != null && resource.fhirType().equals(type) && holds(resource, path, target)) {
                    return i;
                }
            }
            return -1;
        }
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (current != null && bundle.getEntry().get(i).getResource() == current) {
                return i;
            }
        }
        return -1;
    }

    private static boolean holds(IBaseResource resource, String path, String target) {
        try {
            return FhirContext.forR4Cached().newTerser().getValues(resource, path, Reference.class).stream()
                    .anyMatch(r -> target.equals(r.getReference())
                            || target.equals(r.getReferenceElement()
                                    .toUnqualifiedVersionless()
                                    .getValue()));
        } catch (RuntimeException e) {
            return false; // a path the terser cannot follow: do not guess
        }
    }

    private static OperationOutcome outcome(BaseServerResponseException error, int index, String fullUrl) {
        String where = "Bundle.entry[" + index + "]";
        String prefix = where + (fullUrl == null || fullUrl.isBlank() ? "" : " (fullUrl " + fullUrl + ")") + ": ";
        OperationOutcome outcome =
                error.getOperationOutcome() instanceof OperationOutcome existing ? existing : new OperationOutcome();
        if (outcome.getIssue().isEmpty()) {
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.PROCESSING);
        }
        for (var issue : outcome.getIssue()) {
            String text = issue.hasDiagnostics() ? issue.getDiagnostics() : error.getMessage();
            if (!text.startsWith(where)) {
                issue.setDiagnostics(prefix + text);
                // The entry first, then whatever element HAPI or the validator named inside it.
                issue.getExpression().add(0, new StringType(where));
            }
        }
        return outcome;
    }
}
