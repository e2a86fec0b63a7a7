package org.exotrial.ingest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/** Refuses a transaction or batch with more entries than {@code exotrial.ingest.max-bundle-entries} (413). */
final class BundleSizeLimit {

    private final int maxEntries;

    BundleSizeLimit(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /**
     * SERVER_INCOMING_REQUEST_PRE_HANDLED: the bundle is parsed but no entry has been processed, so an oversized
     * transaction costs no database work.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkEntries(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof Bundle bundle)) {
            return;
        }
        int entries = bundle.getEntry().size();
        if (entries > maxEntries) {
            String message = LimitExceeded.message(
                    "The " + bundle.getType().toCode() + " bundle has " + entries + " entries",
                    LimitExceeded.MAX_BUNDLE_ENTRIES,
                    Integer.toString(maxEntries),
                    "bundles");
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue()
                    .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.TOOLONG)
                    .setDiagnostics(message)
                    .addExpression("Bundle.entry");
            throw new PayloadTooLargeException(message, outcome);
        }
    }
}
