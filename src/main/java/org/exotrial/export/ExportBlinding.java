package org.exotrial.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import org.exotrial.blinding.CallerBlinding;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Blinds what an export job writes, resource by resource, as a read by its requester would be: a blinded requester's
 * files carry no arm, product, dose or lot of a masked study. A storage hook, since the job calls it from a worker
 * thread on HAPI's interceptor service, long after the request.
 */
@Interceptor
final class ExportBlinding {

    private final CallerBlinding blinding;

    ExportBlinding(CallerBlinding blinding) {
        this.blinding = blinding;
    }

    /**
     * STORAGE_BULK_EXPORT_RESOURCE_INCLUSION: each resource before it is written to a file, loaded for this job alone,
     * so it is masked in place. Always included: what blinding withholds is an element, not a resource.
     */
    @Hook(Pointcut.STORAGE_BULK_EXPORT_RESOURCE_INCLUSION)
    public boolean include(BulkExportJobParameters job, IBaseResource resource) {
        blinding.maskInPlace(ExportJobs.requester(job), resource);
        return true;
    }
}
