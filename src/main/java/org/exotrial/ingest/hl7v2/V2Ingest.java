package org.exotrial.ingest.hl7v2;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.model.v25.message.ADT_A03;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.protocol.MetadataKeys;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.exotrial.audit.MessageAudit;
import org.exotrial.audit.MessageSource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives one v2 message (from MLLP or {@code POST /hl7v2}) and answers its ACK. Everything a message yields, together
 * with the record that its MSH-10 was processed, is written in ONE FHIR transaction through HAPI's system DAO, so the
 * storage interceptors (validation, conflict retry) apply and the ACK is built only after that transaction committed.
 */
final class V2Ingest implements ReceivingApplication<Message> {

    private static final Logger log = LoggerFactory.getLogger(V2Ingest.class);
    private static final int ATTEMPTS = 4;

    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final DaoRegistry daos;
    private final TrialContextLookup contexts;
    private final Supplier<RequestDetails> requests;
    private final OruMapper oru;
    private final AdtMapper adt;
    private final PatientLocks locks = new PatientLocks();
    private final MessageAudit audit; // null when the audit trail is switched off

    V2Ingest(
            IFhirSystemDao<Bundle, Meta> systemDao,
            DaoRegistry daos,
            TrialContextLookup contexts,
            Supplier<RequestDetails> requests,
            Hl7v2Properties properties,
            MessageAudit audit) {
        this.systemDao = systemDao;
        this.audit = audit;
        this.daos = daos;
        this.contexts = contexts;
        this.requests = requests;
        this.oru = new OruMapper(properties.timeZone());
        this.adt = new AdtMapper(properties.timeZone());
    }

    @Override
    public boolean canProcess(Message message) {
        return true;
    }

    @Override
    public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
        MessageSource source = source(message, metadata);
        try {
            return process(message, source);
        } catch (IngestRejection rejection) {
            refused(source, false);
            return nak(message, rejection.ack, rejection.toHl7Exception());
        } catch (BaseServerResponseException e) {
            refused(source, e.getStatusCode() >= 500);
            // The FHIR layer refused the resources (e.g. 422 from profile validation): the sender learns why.
            return nak(
                    message,
                    AcknowledgmentCode.AE,
                    new HL7Exception(
                            "refused by the FHIR server: " + e.getMessage(), ErrorCode.APPLICATION_INTERNAL_ERROR));
        } catch (IOException | RuntimeException e) {
            refused(source, true);
            log.warn("HL7 v2 message failed: {}", e.toString());
            return nak(
                    message,
                    AcknowledgmentCode.AE,
                    new HL7Exception(
                            "internal error, nothing stored; resend later", ErrorCode.APPLICATION_INTERNAL_ERROR));
        }
    }

    private void refused(MessageSource source, boolean serverFault) {
        if (audit != null) {
            audit.refused(source, serverFault);
        }
    }

    /**
     * Who sent the message, for its audit events: MSH-3 and MSH-4, the transport's peer address and, over HTTP, the
     * OAuth client ({@link Hl7v2HttpEndpoint}). The message key is the one resends are recognised by.
     */
    static MessageSource source(Message message, Map<String, Object> metadata) throws HL7Exception {
        MSH msh = (MSH) message.get("MSH");
        String application = msh.getSendingApplication().getNamespaceID().getValue();
        String facility = msh.getSendingFacility().getNamespaceID().getValue();
        String sender = (application == null ? "" : application) + "^" + (facility == null ? "" : facility);
        Object address = metadata == null ? null : metadata.get(MetadataKeys.IN_SENDING_IP);
        Object client = metadata == null ? null : metadata.get(Hl7v2HttpEndpoint.CLIENT_ID);
        return new MessageSource(
                sender,
                Ig.SID_V2_MESSAGE,
                messageKey(msh),
                msh.getMessageType().getMessageCode().getValue(),
                address == null ? null : address.toString(),
                client == null ? null : client.toString());
    }

    /** The sending facility (or application) and MSH-10: what a resend of the same message repeats. */
    private static String messageKey(MSH msh) {
        String sender = msh.getSendingFacility().getNamespaceID().getValue();
        if (sender == null || sender.isBlank()) {
            sender = String.valueOf(msh.getSendingApplication().getNamespaceID().getValue());
        }
        return sender + ":" + msh.getMessageControlID().getValue();
    }

    private static Message nak(Message message, AcknowledgmentCode code, HL7Exception why) throws HL7Exception {
        try {
            return message.generateACK(code, why);
        } catch (IOException e) {
            throw new HL7Exception(e);
        }
    }

    private Message process(Message message, MessageSource source) throws HL7Exception, IOException {
        MSH msh = (MSH) message.get("MSH");
        String controlId = msh.getMessageControlID().getValue();
        if (controlId == null || controlId.isBlank()) {
            throw new IngestRejection(
                    AcknowledgmentCode.AR,
                    ErrorCode.REQUIRED_FIELD_MISSING,
                    "MSH",
                    1,
                    10,
                    "MSH-10 message control id missing");
        }
        String messageKey = source.messageId();
        String mrn = firstMrn(message);
        Lock lock = locks.forKey(mrn);
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                RequestDetails request = requests.get();
                source.attachTo(request);
                if (alreadyProcessed(messageKey, request)) {
                    return message.generateACK(); // AA: a resend stores nothing new
                }
                Bundle tx = new Bundle().setType(BundleType.TRANSACTION);
                map(message, tx, request);
                tx.addEntry()
                        .setFullUrl("urn:uuid:" + UUID.randomUUID())
                        .setResource(processedRecord(
                                messageKey,
                                msh.getMessageType().getMessageCode().getValue()))
                        .getRequest()
                        .setMethod(HTTPVerb.POST)
                        .setUrl("Basic")
                        .setIfNoneExist("identifier=" + Ig.SID_V2_MESSAGE + "|" + messageKey);
                try {
                    systemDao.transaction(request, tx);
                    return message.generateACK();
                } catch (ResourceVersionConflictException e) {
                    // Another server instance wrote the same result at the same moment; the next attempt sees it.
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void map(Message message, Bundle tx, RequestDetails request) throws HL7Exception {
        if (message instanceof ORU_R01 result) {
            oru.map(result, mrn -> contexts.find(mrn, request), id -> resultExists(id, request), tx);
        } else if (message instanceof ADT_A03 discharge
                && "A03"
                        .equals(discharge
                                .getMSH()
                                .getMessageType()
                                .getTriggerEvent()
                                .getValue())) {
            adt.map(
                    true,
                    discharge.getEVN(),
                    discharge.getPID(),
                    discharge.getPV1(),
                    mrn -> contexts.find(mrn, request),
                    visit -> storedStay(visit, request),
                    tx);
        } else if (message instanceof ADT_A01 admission
                && "A01"
                        .equals(admission
                                .getMSH()
                                .getMessageType()
                                .getTriggerEvent()
                                .getValue())) {
            adt.map(
                    false,
                    admission.getEVN(),
                    admission.getPID(),
                    admission.getPV1(),
                    mrn -> contexts.find(mrn, request),
                    visit -> storedStay(visit, request),
                    tx);
        } else {
            MSH msh = (MSH) message.get("MSH");
            throw new IngestRejection(
                    AcknowledgmentCode.AR,
                    ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                    "MSH",
                    1,
                    9,
                    "unsupported message type " + msh.getMessageType().encode()
                            + " (accepted: ORU^R01, ADT^A01, ADT^A03)");
        }
    }

    private boolean alreadyProcessed(String messageKey, RequestDetails request) {
        return !daos.getResourceDao(Basic.class)
                .search(
                        SearchParameterMap.newSynchronous("identifier", new TokenParam(Ig.SID_V2_MESSAGE, messageKey)),
                        request)
                .isEmpty();
    }

    private boolean resultExists(String identifier, RequestDetails request) {
        return !daos.getResourceDao(Observation.class)
                .search(
                        SearchParameterMap.newSynchronous(
                                "identifier", new TokenParam(Ig.SID_FILLER_ORDER, identifier)),
                        request)
                .isEmpty();
    }

    private Encounter storedStay(String visit, RequestDetails request) {
        var found = daos.getResourceDao(Encounter.class)
                .search(SearchParameterMap.newSynchronous("identifier", new TokenParam(Ig.SID_VISIT, visit)), request)
                .getAllResources();
        return found.isEmpty() ? null : (Encounter) found.get(0);
    }

    /** The durable memory of a processed MSH-10 (HL7 table 0076 message type), written in the same transaction. */
    private static Basic processedRecord(String messageKey, String messageType) {
        Basic record = new Basic();
        record.addIdentifier().setSystem(Ig.SID_V2_MESSAGE).setValue(messageKey);
        record.getCode().addCoding().setSystem(Ig.V2_MESSAGE_TYPE).setCode(messageType);
        record.setCreated(new Date());
        return record;
    }

    private static String firstMrn(Message message) throws HL7Exception {
        var terser = new ca.uhn.hl7v2.util.Terser(message);
        String mrn = terser.get("/.PID-3-1");
        return mrn == null ? "" : mrn;
    }
}
