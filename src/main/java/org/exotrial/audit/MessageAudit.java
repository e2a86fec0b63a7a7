package org.exotrial.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.IdType;

/**
 * The audit trail of HL7 v2 ingest. A v2 message is written through HAPI's DAOs with a system request, which BALP
 * never sees ({@link ServletRequestsOnly}). This records each resource a message's transaction writes, in the shape of
 * BALP's create and update events (type {@code rest}, the interaction as subtype, the resource and its patient as
 * entities), with the sending application as requesting agent and the message as an entity of its own; and one failure
 * event for a message the server refuses.
 *
 * <p>Registered on the REST server, whose interceptors the v2 ingest's requests carry. A write's event is queued only
 * once its transaction has committed ({@link AuditEventQueue#recordAuditEvent}), so a message whose transaction rolls
 * back leaves only its failure.
 */
public final class MessageAudit {

    /** The system of v2 senders; {@code AuditEvent?altid=LAB^GENHOSP} finds what a sender's messages stored. */
    static final String SENDER_SYSTEM = "https://exotrial.org/fhir/sid/hl7v2-sender";

    static final String MESSAGE_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0076";

    private static final String OBSERVER = "ExoTrial HL7 v2 ingest";

    private final FhirContext fhir;
    private final AuditEventQueue queue;

    MessageAudit(FhirContext fhir, AuditEventQueue queue) {
        this.fhir = fhir;
        this.queue = queue;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        written(resource, request, RestOperationTypeEnum.CREATE, AuditEventAction.C);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
        written(newResource, request, RestOperationTypeEnum.UPDATE, AuditEventAction.U);
    }

    /**
     * A message the server answered with a negative acknowledgement: nothing it carried was stored. {@code serverFault}
     * for errors of the server (outcome 8) rather than of the message (outcome 4). The reason is not recorded: it can
     * quote the message, and with it patient data.
     */
    public void refused(MessageSource source, boolean serverFault) {
        AuditEvent event = event(source, RestOperationTypeEnum.CREATE, AuditEventAction.C);
        event.setOutcome(serverFault ? AuditEventOutcome._8 : AuditEventOutcome._4);
        event.setOutcomeDesc("HL7 v2 message refused");
        queue.recordAuditEvent(event);
    }

    private void written(
            IBaseResource resource,
            RequestDetails request,
            RestOperationTypeEnum interaction,
            AuditEventAction action) {
        MessageSource source = MessageSource.of(request);
        if (source == null) {
            return; // not a v2 message: BALP audits client requests, the server's own work is not audited
        }
        AuditEvent event = event(source, interaction, action);
        IIdType id = resource.getIdElement();
        String type = id.hasResourceType() ? id.getResourceType() : resource.fhirType();
        var data = event.addEntity();
        data.getWhat().setReference(new IdType(type, id.getIdPart(), id.getVersionIdPart()).getValue());
        data.getType()
                .setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE)
                .setCode(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT)
                .setDisplay(BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY);
        data.getRole()
                .setSystem(BalpConstants.CS_OBJECT_ROLE)
                .setCode(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE)
                .setDisplay(BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY);
        for (String patient : patients(type, id, resource)) {
            event.addEntity(QueryEvents.patientEntity(patient));
        }
        queue.recordAuditEvent(event);
    }

    /** The patients whose compartment the resource is in, as BALP finds them: a Patient is its own. */
    private Set<String> patients(String type, IIdType id, IBaseResource resource) {
        Set<String> patients = new LinkedHashSet<>();
        if ("Patient".equals(type)) {
            patients.add("Patient/" + id.getIdPart());
            return patients;
        }
        for (IIdType owner : fhir.newTerser()
                .getCompartmentOwnersForResource("Patient", resource, new CompartmentSearchParameterModifications())) {
            patients.add("Patient/" + owner.getIdPart());
        }
        return patients;
    }

    /** What every event of a message says: the interaction, the sender, the server and the message itself. */
    private static AuditEvent event(MessageSource source, RestOperationTypeEnum interaction, AuditEventAction action) {
        AuditEvent event = new AuditEvent();
        event.getType()
                .setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE)
                .setCode("rest")
                .setDisplay("Restful Operation");
        event.addSubtype()
                .setSystem(BalpConstants.CS_RESTFUL_INTERACTION)
                .setCode(interaction.getCode())
                .setDisplay(interaction.getCode());
        event.setAction(action);
        event.setOutcome(AuditEventOutcome._0);
        event.setRecorded(new Date());
        event.getSource().getObserver().setDisplay(OBSERVER);

        AuditEventAgentComponent sender = event.addAgent();
        sender.getWho().getIdentifier().setSystem(SENDER_SYSTEM).setValue(source.sender());
        sender.getWho().setDisplay(source.sender());
        sender.setAltId(source.sender()).setName(source.sender()).setRequestor(true);
        if (source.address() != null) {
            sender.getNetwork().setAddress(source.address()).setType(AuditEventAgentNetworkType._2);
        }
        if (source.clientId() != null) {
            // Posted over HTTP: the OAuth client that delivered the message is named like a FHIR client.
            var client = event.addAgent();
            client.getWho()
                    .getIdentifier()
                    .setSystem(AuditAgents.CLIENT_ID_SYSTEM)
                    .setValue(source.clientId());
            client.getWho().setDisplay(source.clientId());
            client.setAltId(source.clientId()).setName(source.clientId()).setRequestor(true);
        }
        var server = event.addAgent();
        server.getWho().setDisplay(OBSERVER);
        server.setRequestor(false);

        var message = event.addEntity();
        message.getWhat().getIdentifier().setSystem(source.messageIdSystem()).setValue(source.messageId());
        message.setName(source.messageId());
        if (source.messageType() != null) {
            message.getType().setSystem(MESSAGE_TYPES).setCode(source.messageType());
        }
        return event;
    }
}
