package org.exotrial.audit;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;

/**
 * The audit trail of bulk export (docs/export.md): one DICOM "Export" event when a job starts, naming the client it
 * is for and the job, so that the trail ties the client's kick-off, polls and file downloads (each audited as its own
 * request) to one export. The request is recorded without its query values, as for a search.
 */
public final class ExportAudit {

    /** The identifier system of a bulk export job in the trail: HAPI's batch job instance id. */
    public static final String JOB_SYSTEM = "https://exotrial.org/fhir/sid/export-job";

    private static final String OBSERVER = "ExoTrial bulk export";

    private final AuditEventQueue queue;

    ExportAudit(AuditEventQueue queue) {
        this.queue = queue;
    }

    /**
     * @param clientId the OAuth client that started the export, and the only one that may read its files
     * @param jobId the job's id, as in the poll URL's {@code _jobId}
     * @param requestUrl the kick-off's URL; query values are not recorded
     */
    public void started(String clientId, String jobId, String requestUrl) {
        AuditEvent event = new AuditEvent();
        event.getType()
                .setSystem(DeliveryAudit.DICOM)
                .setCode(DeliveryAudit.EXPORT)
                .setDisplay("Export");
        event.setAction(AuditEventAction.E);
        event.setRecorded(new Date());
        event.setOutcome(AuditEventOutcome._0);
        event.setOutcomeDesc("bulk export job started");
        event.getSource().getObserver().setDisplay(OBSERVER);

        var requester = event.addAgent();
        requester
                .getWho()
                .getIdentifier()
                .setSystem(AuditAgents.CLIENT_ID_SYSTEM)
                .setValue(clientId);
        requester.getWho().setDisplay(clientId);
        requester.setRequestor(true);
        var server = event.addAgent();
        server.getWho().setDisplay(OBSERVER);
        server.setRequestor(false);

        var job = event.addEntity();
        job.getWhat().getIdentifier().setSystem(JOB_SYSTEM).setValue(jobId);
        job.getType()
                .setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
                .setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
        job.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(BalpConstants.CS_OBJECT_ROLE_24_QUERY);
        job.setQuery(QueryRedaction.redact(requestUrl).getBytes(StandardCharsets.UTF_8));
        queue.recordAuditEvent(event);
    }
}
