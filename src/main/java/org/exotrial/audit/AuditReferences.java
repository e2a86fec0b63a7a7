package org.exotrial.audit;

import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.IdType;

/**
 * A delete's AuditEvent names the deleted resource instead of referring to it: {@code entity.name} holds the
 * versionless id (searchable with {@code entity-name:exact}, like the events of failed requests), {@code
 * entity.what.display} the id as BALP wrote it.
 */
final class AuditReferences {

    private AuditReferences() {}

    /** A delete's event always points at a deleted resource. */
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
