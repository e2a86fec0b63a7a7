package org.exotrial.audit;

import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.IdType;

/**
 * HAPI refuses to store a reference to a deleted resource (referential integrity on write, which this server enforces
 * for every type). An AuditEvent about a resource that is gone names it instead: {@code entity.name} holds the
 * versionless id (searchable with {@code entity-name:exact}), {@code entity.what.display} the id as BALP wrote it.
 */
final class AuditReferences {

    private AuditReferences() {}

    /** A delete's event always points at a deleted resource; naming it up front spares a failed batch per delete. */
    static void nameDeletedTarget(AuditEvent event) {
        if (event.getAction() != AuditEventAction.D) {
            return;
        }
        event.getEntity().stream()
                .filter(e -> "4".equals(e.getRole().getCode()) && e.getWhat().hasReference())
                .map(e -> versionless(e.getWhat().getReference()))
                .findFirst()
                .ifPresent(deleted ->
                        name(event, reference -> versionless(reference).equals(deleted)));
    }

    /** A copy with every reference turned into a name: the last resort when a target went away before the write. */
    static AuditEvent withoutReferences(AuditEvent event) {
        AuditEvent copy = event.copy();
        name(copy, reference -> true);
        return copy;
    }

    private static void name(AuditEvent event, Predicate<String> which) {
        for (AuditEventEntityComponent entity : event.getEntity()) {
            String reference = entity.getWhat().getReference();
            if (reference == null || !which.test(reference)) {
                continue;
            }
            entity.getWhat().setReference(null).setDisplay(reference);
            if (!entity.hasQuery()) { // R4 allows a name or a query on an entity, not both
                entity.setName(versionless(reference));
            }
        }
    }

    static String versionless(String reference) {
        return new IdType(reference).toUnqualifiedVersionless().getValue();
    }
}
