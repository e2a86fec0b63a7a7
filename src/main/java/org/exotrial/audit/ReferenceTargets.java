package org.exotrial.audit;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Looks up, in one query per batch, the stored resources a batch of AuditEvents points at, and hands their database ids
 * to HAPI through the batch's {@link TransactionDetails}. Without it HAPI looks up each reference of each event on its
 * own, and Hibernate flushes the session before every lookup: in a profile of the benchmark that was 72 % of the
 * audit writer's CPU (docs/benchmarks.md). A target that is not found is left out, so HAPI's own lookup still refuses
 * the event and the writer's fallback names the target instead ({@link AuditReferences}).
 */
final class ReferenceTargets {

    private final IIdHelperService<JpaPid> ids;

    ReferenceTargets(IIdHelperService<JpaPid> ids) {
        this.ids = ids;
    }

    /** Must run inside the transaction that then creates the events with the returned details. */
    TransactionDetails resolved(List<AuditEvent> events) {
        TransactionDetails details = new TransactionDetails();
        Map<String, IIdType> targets = new LinkedHashMap<>();
        events.stream()
                .flatMap(ReferenceTargets::references)
                .map(Reference::getReference)
                .filter(ReferenceTargets::isLocal)
                .map(reference -> new IdType(reference).toUnqualifiedVersionless())
                .forEach(id -> targets.putIfAbsent(id.getValue(), id));
        if (!targets.isEmpty()) {
            ids.resolveResourceIdentities(
                            RequestPartitionId.allPartitions(),
                            targets.values(),
                            ResolveIdentityMode.excludeDeleted().noCacheUnlessDeletesDisabled())
                    .forEach((id, found) -> details.addResolvedResourceId(id, found.getPersistentId()));
        }
        return details;
    }

    private static Stream<Reference> references(AuditEvent event) {
        return Stream.concat(
                event.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat),
                event.getAgent().stream().map(AuditEvent.AuditEventAgentComponent::getWho));
    }

    /** {@code Type/id} on this server: not contained, not absolute, not a conditional reference. */
    private static boolean isLocal(String reference) {
        if (reference == null || reference.startsWith("#") || reference.contains("?")) {
            return false;
        }
        IdType id = new IdType(reference);
        return !id.isAbsolute() && id.hasResourceType() && id.hasIdPart();
    }
}
