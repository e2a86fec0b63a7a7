package org.exotrial.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import jakarta.annotation.Nonnull;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/** Tells HAPI's BALP interceptor who the caller is ({@link org.exotrial.security.access.Callers}) and how to name resources. */
final class CallerAuditContext implements IBalpAuditContextServices {

    /** SMART backend services have no user apart from the client: the client is both the application and the user. */
    @Override
    @Nonnull
    public Reference getAgentClientWho(RequestDetails request) {
        // BALP asks this for every event it builds: the mark tells RequestAudit the request needs no event of its own.
        request.getUserData().put(RequestAudit.RECORDED_BY_BALP, Boolean.TRUE);
        return AuditAgents.who(request);
    }

    @Override
    @Nonnull
    public Reference getAgentUserWho(RequestDetails request) {
        return AuditAgents.who(request);
    }

    /**
     * Relative ids ({@code Patient/123/_history/2}) instead of BALP's default absolute URLs: HAPI indexes them as
     * links to the stored resource, so {@code AuditEvent?entity=Patient/123} and {@code ?patient=} find them, and the
     * delete-conflict override ({@link AuditConfig}) recognizes them. An absolute URL would be an external reference,
     * which this server refuses, and would change with the address the server is reached at.
     */
    @Override
    @Nonnull
    public String massageResourceIdForStorage(
            @Nonnull RequestDetails request, @Nonnull IBaseResource resource, @Nonnull IIdType id) {
        String type = id.hasResourceType() ? id.getResourceType() : resource.fhirType();
        return new IdType(type, id.getIdPart(), id.getVersionIdPart()).getValue();
    }
}
