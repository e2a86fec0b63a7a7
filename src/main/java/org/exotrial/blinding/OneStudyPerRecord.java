package org.exotrial.blinding;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;

/**
 * A clinical record belongs to one study: a second {@code exotrial-study-reference} is refused on every write, whether
 * or not validation is on. Blinding relies on it: a Procedure searched by route within an unmasked study must not also
 * belong to a masked one ({@link ArmSearchGuard}). The guide's profiles say 1..1, but a Procedure no profile applies
 * to (a hospital's own code with an ExoTrial route) would otherwise be stored with two.
 */
@Interceptor
final class OneStudyPerRecord {

    /** STORAGE_PRESTORAGE_RESOURCE_CREATED: every create, from REST, transactions, HL7 v2 ingest or the demo loader. */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        check(resource);
    }

    /** STORAGE_PRESTORAGE_RESOURCE_UPDATED: the same for every update (the new version is the second resource). */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        check(resource);
    }

    private static void check(IBaseResource resource) {
        if (resource instanceof DomainResource domain) {
            int studies =
                    domain.getExtensionsByUrl(ArmRevealingData.STUDY_REFERENCE).size();
            if (studies > 1) {
                throw new UnprocessableEntityException(domain.fhirType() + " names " + studies + " studies (extension "
                        + ArmRevealingData.STUDY_REFERENCE + "); a record belongs to one");
            }
        }
    }
}
