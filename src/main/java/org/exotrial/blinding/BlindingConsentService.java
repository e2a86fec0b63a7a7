package org.exotrial.blinding;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.consent.ConsentOutcome;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentContextServices;
import ca.uhn.fhir.rest.server.interceptor.consent.IConsentService;
import org.exotrial.security.Caller;
import org.exotrial.security.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The blinding policy as a HAPI consent service. HAPI's {@code ConsentInterceptor} calls it for every resource any
 * response carries (read, vread, search and its pages, includes, history, {@code $everything}, transaction and batch
 * responses) and for bulk export, so a path added later is covered without knowing about blinding.
 */
final class BlindingConsentService implements IConsentService {

    private final StudyMasking studies;
    private final ArmMask mask;
    private final ArmSearchGuard guard;

    BlindingConsentService(StudyMasking studies, ArmSearchGuard guard) {
        this.studies = studies;
        this.mask = new ArmMask(studies);
        this.guard = guard;
    }

    @Override
    public ConsentOutcome startOperation(RequestDetails request, IConsentContextServices context) {
        Caller caller = Callers.of(request);
        if (caller == null || caller.seesArmsWhileMasked()) {
            return ConsentOutcome.AUTHORIZED; // unblinded: nothing to review in this request
        }
        String offending = guard.offendingParameter(request);
        if (offending != null && studies.anyMasked()) {
            throw new ForbiddenOperationException("Searching or matching by '" + offending
                    + "' is not allowed: it selects by arm, and a study is masked. Ask an unblinded statistician.");
        }
        return ConsentOutcome.PROCEED;
    }

    /** Resources are never hidden, only masked: HAPI may keep using its search cache and counts. */
    @Override
    public boolean shouldProcessCanSeeResource(RequestDetails request, IConsentContextServices context) {
        return false;
    }

    @Override
    public ConsentOutcome willSeeResource(
            RequestDetails request, IBaseResource resource, IConsentContextServices context) {
        IBaseResource masked = mask.maskedCopy(resource);
        return masked == null ? ConsentOutcome.PROCEED : new ConsentOutcome(ConsentOutcome.PROCEED.getStatus(), masked);
    }
}
