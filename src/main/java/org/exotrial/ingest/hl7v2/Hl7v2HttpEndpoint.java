package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.protocol.ApplicationRouter;
import ca.uhn.hl7v2.protocol.MetadataKeys;
import ca.uhn.hl7v2.protocol.impl.TransportableImpl;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /hl7v2}: one ER7 message in the body, its ACK (ER7) in the response, always HTTP 200 when an ACK was
 * produced — like MLLP, the outcome is in MSA-1. Routed through the same HAPI router as the MLLP listener, so a
 * malformed message gets the same AR answer on both transports.
 */
@RestController
final class Hl7v2HttpEndpoint {

    static final String ER7 = "x-application/hl7-v2+er7";

    /** Metadata key of the OAuth client that posted a message, for its audit events. */
    static final String CLIENT_ID = Hl7v2HttpEndpoint.class.getName() + ".clientId";

    private final ApplicationRouter router;

    Hl7v2HttpEndpoint(ApplicationRouter router) {
        this.router = router;
    }

    @PostMapping(
            path = "/hl7v2",
            consumes = {ER7, MediaType.TEXT_PLAIN_VALUE, "application/hl7-v2"},
            produces = ER7)
    ResponseEntity<String> receive(@RequestBody String er7, HttpServletRequest request) throws HL7Exception {
        // HTTP clients and editors turn the segment separator CR into LF or CRLF; ER7 needs CR.
        String message = er7.strip().replace("\r\n", "\r").replace('\n', '\r');
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(MetadataKeys.IN_SENDING_IP, request.getRemoteAddr());
        Caller caller = Callers.current();
        if (caller != null) {
            metadata.put(CLIENT_ID, caller.clientId());
        }
        var ack = router.processMessage(new TransportableImpl(message, metadata));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(ER7)).body(ack.getMessage());
    }
}
