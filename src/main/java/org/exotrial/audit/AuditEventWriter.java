package org.exotrial.audit;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.exotrial.audit.store.AuditStore;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores batches of AuditEvents in the trail's table ({@link AuditStore}), one database transaction per batch. The
 * writes bypass the REST server, so what it adds (BALP, authorization, the access log) never sees them: the audit
 * trail is not audited into an endless loop, and the server writes a type no client may write.
 */
class AuditEventWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);

    private final AuditStore store;
    private final AtomicLong lost = new AtomicLong();

    AuditEventWriter(AuditStore store) {
        this.store = store;
    }

    void write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            store.append(events);
        } catch (RuntimeException batchFailure) {
            // One event must not cost the batch: retry each alone, so only the one that cannot be stored is affected.
            for (AuditEvent event : events) {
                writeAlone(event);
            }
        }
    }

    private void writeAlone(AuditEvent event) {
        try {
            store.append(List.of(event));
        } catch (RuntimeException failure) {
            // The message and the event are left out of the log line: both can contain patient data.
            log.error(
                    "Audit: an AuditEvent could not be stored ({}); {} lost since start",
                    failure.getClass().getSimpleName(),
                    lost.incrementAndGet());
        }
    }
}
