package org.exotrial.security.access;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Checks a write's rights when the request arrives, before validation or storage: a client that may not write a type
 * learns that (403), not whether its resource would have been valid (422).
 *
 * <p>A transaction is refused whole when one entry is forbidden; the storage-level rules find the first such entry
 * only, after the entries before it have been written (and rolled back). Here every entry is checked before anything
 * is written, and the refusal lists all of them in one OperationOutcome: one issue per forbidden type and interaction,
 * naming its entries (at most {@value #ENTRIES_NAMED} each) and the scope that would allow it. The storage-level rules
 * stay as the safety net (conditional writes, batch entries, what references resolve to).
 */
@Interceptor
final class WritePermissions {

    static final int ENTRIES_NAMED = 20;

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void check(RequestDetails request, RestOperationTypeEnum operation) {
        Caller caller = Callers.of(request);
        if (caller == null || caller == Caller.SYSTEM) {
            return;
        }
        Permission direct = Permission.of(operation);
        String type = request.getResourceName();
        if (direct != null && direct.writes() && type != null && !caller.may(type, direct)) {
            throw new ForbiddenOperationException(Refusals.message(caller, type, direct));
        }
        if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            checkEntries(caller, bundle);
        }
    }

    private static void checkEntries(Caller caller, Bundle bundle) {
        Map<String, List<Integer>> refused = new LinkedHashMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            String type = type(entry);
            Permission permission = permission(entry);
            if (type == null || permission == null || caller.may(type, permission)) {
                continue;
            }
            String key = type + "." + permission.letter();
            refused.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            messages.computeIfAbsent(key, k -> Refusals.message(caller, type, permission));
        }
        if (refused.isEmpty()) {
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        refused.forEach((key, entries) -> {
            OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.FORBIDDEN)
                    .setDiagnostics(
                            entries.size() + (entries.size() == 1 ? " entry: " : " entries: ") + messages.get(key));
            entries.stream().limit(ENTRIES_NAMED).forEach(i -> issue.addExpression("Bundle.entry[" + i + "]"));
        });
        ForbiddenOperationException refusal = new ForbiddenOperationException(
                "The transaction was refused before anything was written: " + String.join("; ", messages.values()));
        refusal.setOperationOutcome(outcome);
        throw refusal;
    }

    private static String type(Bundle.BundleEntryComponent entry) {
        if (entry.getResource() != null) {
            return entry.getResource().fhirType();
        }
        String url = entry.getRequest().getUrl();
        if (url == null || url.isBlank()) {
            return null;
        }
        String type = url.replaceFirst("^/", "").split("[/?]", 2)[0];
        return FhirContext.forR4Cached().getResourceTypes().contains(type) ? type : null;
    }

    private static Permission permission(Bundle.BundleEntryComponent entry) {
        Bundle.HTTPVerb method = entry.getRequest().getMethod();
        if (method == null) {
            return null;
        }
        String url =
                entry.getRequest().getUrl() == null ? "" : entry.getRequest().getUrl();
        return switch (method) {
            case POST -> Permission.CREATE;
            case PUT, PATCH -> Permission.UPDATE;
            case DELETE -> Permission.DELETE;
            case GET, HEAD -> url.contains("?") || !url.contains("/") ? Permission.SEARCH : Permission.READ;
            default -> null;
        };
    }
}
