package org.exotrial.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * Where an HL7 v2 message came from, as its audit events name it. Nothing from the message's content: the sender's
 * MSH-3/MSH-4 and control id identify it without carrying patient data.
 *
 * @param sender the sending application and facility as HL7 writes them ({@code LAB^GENHOSP})
 * @param messageIdSystem the identifier system of processed messages
 * @param messageId the message's key under that system (sender and MSH-10)
 * @param messageType MSH-9-1, the HL7 table 0076 code ({@code ORU}, {@code ADT})
 * @param address the sender's IP address, or null when the transport did not tell
 * @param clientId the OAuth client that posted the message over HTTP, or null for MLLP
 */
public record MessageSource(
        String sender, String messageIdSystem, String messageId, String messageType, String address, String clientId) {

    private static final String KEY = MessageSource.class.getName();

    /** Marks the request the message's resources are written with, so their writes are audited as this message's. */
    public void attachTo(RequestDetails request) {
        request.getUserData().put(KEY, this);
    }

    static MessageSource of(RequestDetails request) {
        return request == null ? null : (MessageSource) request.getUserData().get(KEY);
    }
}
