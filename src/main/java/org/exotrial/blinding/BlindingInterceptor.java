package org.exotrial.blinding;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import java.util.Set;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;

/**
 * Applies the blinding policy to every request of a caller whose role does not see arms. Two choke points cover
 * every path: storage hands each resource it shows (read, vread, search pages, includes, history, {@code $everything})
 * through {@code STORAGE_PRESHOW_RESOURCES}, and each response body, including transaction and batch responses and
 * operation outputs, passes {@code SERVER_OUTGOING_RESPONSE}. HAPI's own ConsentInterceptor would do the same but
 * refuses {@code _summary=count} and clears totals for everyone, which analysts need.
 */
@Interceptor
final class BlindingInterceptor {

    /**
     * Writes whose conditional URL HAPI resolves through STORAGE_PRESHOW_RESOURCES ({@code MatchResourceUrlService}),
     * mapping the resources shown back to their ids by identity: a masked copy maps to nothing, and a blinded client's
     * {@code PUT ResearchSubject?identifier=...} would match no subject. Nothing shown there reaches the client; the
     * write's response is masked in {@link #maskResponse}.
     */
    private static final Set<RestOperationTypeEnum> CONDITIONAL_WRITES = Set.of(
            RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH,
            RestOperationTypeEnum.DELETE);

    private final StudyMasking studies;
    private final ArmMask mask;
    private final ArmSearchGuard guard;

    BlindingInterceptor(StudyMasking studies, ArmSearchGuard guard) {
        this.studies = studies;
        this.mask = new ArmMask(studies);
        this.guard = guard;
    }

    /**
     * SERVER_INCOMING_REQUEST_PRE_HANDLED, before any data is read: refuses a blinded caller's search or match by arm
     * while a study is masked, unless the search is limited to unmasked studies ({@link ArmSearchGuard}).
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void refuseArmSearches(RequestDetails request) {
        if (!blinded(request)) {
            return;
        }
        String offending = guard.offendingParameter(request);
        if (offending != null && studies.anyMasked() && !guard.limitedToUnmaskedStudies(request, studies)) {
            throw new ForbiddenOperationException(refusal(offending));
        }
    }

    /** Says how to narrow the search; names only what an analyst may read anyway (parameters, unmasked studies). */
    private String refusal(String offending) {
        List<String> unmasked = studies.unmaskedStudies();
        return "Searching or matching by '" + offending + "' is refused while a study is masked: it could select"
                + " participants of a masked study by arm. Limit the search to studies that are not masked, in a plain"
                + " search of the type: Procedure?trial-study=ResearchStudy/<id>&route=... (ResearchSubject: study=)."
                + (unmasked.isEmpty()
                        ? " No study is unmasked now."
                        : " Not masked now: " + String.join(", ", unmasked) + ".")
                + " Parameters that read arms: " + guard.armParametersByType() + "; used directly, never in a chain,"
                + " _has, a conditional request or a batch entry. Free text (_text, _content, _filter, _query) is"
                + " refused. Or ask an unblinded statistician.";
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void maskShown(RequestDetails request, IPreResourceShowDetails shown) {
        if (!blinded(request) || CONDITIONAL_WRITES.contains(request.getRestOperationType())) {
            return;
        }
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource masked = mask.maskedCopy(shown.getResource(i));
            if (masked != null) {
                shown.setResource(i, masked);
            }
        }
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void maskResponse(RequestDetails request, ResponseDetails response) {
        if (blinded(request) && response.getResponseResource() != null) {
            response.setResponseResource(maskDeep(response.getResponseResource()));
        }
    }

    /** The resource with every arm-revealing resource inside it masked: bundle entries, nested bundles, parameters. */
    private IBaseResource maskDeep(IBaseResource resource) {
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource()) {
                    entry.setResource((org.hl7.fhir.r4.model.Resource) maskDeep(entry.getResource()));
                }
                if (entry.getResponse().hasOutcome()) {
                    entry.getResponse().setOutcome((org.hl7.fhir.r4.model.Resource)
                            maskDeep(entry.getResponse().getOutcome()));
                }
            }
            return bundle;
        }
        if (resource instanceof Parameters parameters) {
            parameters.getParameter().forEach(parameter -> {
                if (parameter.hasResource()) {
                    parameter.setResource((org.hl7.fhir.r4.model.Resource) maskDeep(parameter.getResource()));
                }
            });
            return parameters;
        }
        IBaseResource masked = mask.maskedCopy(resource);
        return masked == null ? resource : masked;
    }

    private static boolean blinded(RequestDetails request) {
        Caller caller = Callers.of(request);
        return caller != null && !caller.seesArmsWhileMasked();
    }
}
