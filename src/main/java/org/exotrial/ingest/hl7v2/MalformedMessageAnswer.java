package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.v25.message.ACK;
import ca.uhn.hl7v2.parser.Parser;
import ca.uhn.hl7v2.preparser.PreParser;
import ca.uhn.hl7v2.protocol.ReceivingApplicationExceptionHandler;
import ca.uhn.hl7v2.util.Terser;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a message HAPI could not parse. HAPI's router builds an error ACK that says AE, "Application internal
 * error" and loses MSH-10; the sender needs AR (do not resend unchanged), its own control id and the parser's reason.
 */
final class MalformedMessageAnswer implements ReceivingApplicationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(MalformedMessageAnswer.class);

    private final Parser parser;

    MalformedMessageAnswer(Parser parser) {
        this.parser = parser;
    }

    @Override
    public String processException(
            String incoming, Map<String, Object> metadata, String outgoing, Exception exception) {
        try {
            // Built afresh: HAPI's own answer can be missing (null) when it could not read even the MSH.
            ACK ack = new ACK();
            ack.setParser(parser);
            ack.initQuickstart("ACK", null, "P");
            Terser terser = new Terser(ack);
            String reason = "malformed HL7 v2 message, nothing stored: " + withoutContent(exception.getMessage());
            String controlId = controlIdOf(incoming);
            log.info("malformed HL7 v2 message refused (MSH-10 '{}')", controlId);
            terser.set("MSA-1", "AR");
            terser.set("MSA-2", controlId);
            terser.set("MSA-3", reason);
            terser.set("ERR-3-1", String.valueOf(ErrorCode.SEGMENT_SEQUENCE_ERROR.getCode()));
            terser.set("ERR-3-2", ErrorCode.SEGMENT_SEQUENCE_ERROR.getMessage());
            terser.set("ERR-3-3", "HL70357");
            terser.set("ERR-8", reason);
            return parser.encode(ack);
        } catch (Exception e) {
            // The sender still gets HAPI's own error ACK.
            log.warn("could not build the answer to a malformed message: {}", e.toString());
            return outgoing != null ? outgoing : "MSH|^~\\&|||||||ACK|||2.5\rMSA|AR|\r";
        }
    }

    /** HAPI quotes the start of the message in its parse errors; that is patient data and stays out. */
    private static String withoutContent(String message) {
        if (message == null) {
            return "unreadable";
        }
        int quote = message.indexOf(". The following is the first");
        return quote < 0 ? message : message.substring(0, quote);
    }

    /** MSH-10 read leniently from a message that does not parse; empty when even that fails. */
    private static String controlIdOf(String incoming) {
        try {
            String[] fields = PreParser.getFields(incoming, "MSH-10");
            return fields.length > 0 && fields[0] != null ? fields[0] : "";
        } catch (Exception e) {
            return "";
        }
    }
}
