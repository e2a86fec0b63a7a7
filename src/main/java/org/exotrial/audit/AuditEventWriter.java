package org.exotrial.audit;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores batches of AuditEvents through HAPI's DAO, one database transaction per batch. The events are created one
 * by one inside that transaction rather than posted as a FHIR transaction bundle: they hold no references to each
 * other, and the bundle machinery (placeholder resolution, a second index pass per entry) cost about a third of the
 * writer's time in profiles of the benchmark's read load; what the events point at is looked up once per batch
 * ({@link ReferenceTargets}). The request carries no broadcaster of
 * the REST server, so what the REST server adds (BALP, authorization, the access log) never sees these writes: the
 * audit trail is not audited into an endless loop, and the server writes a type no client role may write.
 */
class AuditEventWriter {

    private static final Logger log = LoggerFactory.getLogger(AuditEventWriter.class);

    private final IFhirResourceDao<AuditEvent> dao;
    private final IHapiTransactionService transactions;
    private final ReferenceTargets targets;
    private final AtomicLong lost = new AtomicLong();

    AuditEventWriter(IFhirResourceDao<AuditEvent> dao, IHapiTransactionService transactions, ReferenceTargets targets) {
        this.dao = dao;
        this.transactions = transactions;
        this.targets = targets;
    }

    void write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            store(events);
        } catch (RuntimeException batchFailure) {
            // One event must not cost the batch: retry each alone, so only the one that cannot be stored is affected.
            for (AuditEvent event : events) {
                writeAlone(event);
            }
        }
    }

    private void writeAlone(AuditEvent event) {
        try {
            store(List.of(event));
        } catch (RuntimeException failure) {
            try {
                // Typically a reference whose target went away (a patient deleted between the request and this
                // write). The event is kept with the ids as names, which stay searchable with entity-name.
                store(List.of(AuditReferences.withoutReferences(event)));
            } catch (RuntimeException stillFailing) {
                // The message and the event are left out of the log line: both can contain patient data.
                log.error(
                        "Audit: an AuditEvent could not be stored ({}); {} lost since start",
                        stillFailing.getClass().getSimpleName(),
                        lost.incrementAndGet());
            }
        }
    }

    private void store(List<AuditEvent> events) {
        SystemRequestDetails request = new SystemRequestDetails();
        transactions.withRequest(request).execute(() -> {
            TransactionDetails details = targets.resolved(events);
            for (AuditEvent event : events) {
                event.setId((String) null); // a failed attempt may have assigned one
                dao.create(event, null, true, request, details);
            }
        });
    }
}
