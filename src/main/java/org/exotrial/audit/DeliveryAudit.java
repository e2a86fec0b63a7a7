package org.exotrial.audit;

import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;

/**
 * The audit trail of registry sync: one AuditEvent per attempt to deliver a subscription notification, naming the
 * subscription's owner (the client the data went to), the subscription and the outcome with the receiver's HTTP
 * status. Never the payload: it is patient data, and the subscription's events say what was sent.
 */
public final class DeliveryAudit {

    /** DICOM "Export": data leaving the server for another system. */
    static final String EXPORT = "110106";

    static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";

    private static final String OBSERVER = "ExoTrial registry sync";

    private final AuditEventQueue queue;

    DeliveryAudit(AuditEventQueue queue) {
        this.queue = queue;
    }

    /**
     * @param ownerClientId the OAuth client that owns the subscription
     * @param subscription {@code Subscription/<id>}
     * @param notificationType handshake, heartbeat or event-notification
     * @param httpStatus the receiver's status, 0 when it did not answer
     * @param error why the delivery failed, null when it succeeded
     */
    public void attempted(
            String ownerClientId, String subscription, String notificationType, int httpStatus, String error) {
        AuditEvent event = new AuditEvent();
        event.getType().setSystem(DICOM).setCode(EXPORT).setDisplay("Export");
        event.addSubtype()
                .setSystem("http://hl7.org/fhir/restful-interaction")
                .setCode("notification")
                .setDisplay("Subscription " + notificationType);
        event.setAction(AuditEventAction.E);
        event.setRecorded(new Date());
        event.setOutcome(error == null ? AuditEventOutcome._0 : AuditEventOutcome._4);
        String status = httpStatus > 0 ? "HTTP " + httpStatus : "no answer";
        event.setOutcomeDesc(error == null ? notificationType + " delivered (" + status + ")" : error);
        event.getSource().getObserver().setDisplay(OBSERVER);

        var server = event.addAgent();
        server.getWho().setDisplay(OBSERVER);
        server.setRequestor(true);
        if (ownerClientId != null) {
            var owner = event.addAgent();
            owner.getWho()
                    .getIdentifier()
                    .setSystem(AuditAgents.CLIENT_ID_SYSTEM)
                    .setValue(ownerClientId);
            owner.getWho().setDisplay(ownerClientId);
            owner.setRequestor(false);
        }
        var what = event.addEntity();
        what.getWhat().setReference(subscription);
        what.getType()
                .setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
                .setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
        queue.recordAuditEvent(event);
    }
}
