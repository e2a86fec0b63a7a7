package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;

/**
 * Why a message is refused, as the sender will read it in the ACK: MSA-1 (AE for content the sender can fix, AR for a
 * message we do not take at all), ERR-3 (HL7 table 0357 code), ERR-2 (segment and field) and the text.
 */
final class IngestRejection extends RuntimeException {

    final AcknowledgmentCode ack;
    final ErrorCode code;
    final String segment;
    final int repetition;
    final int field;

    IngestRejection(AcknowledgmentCode ack, ErrorCode code, String segment, int repetition, int field, String text) {
        super(text);
        this.ack = ack;
        this.code = code;
        this.segment = segment;
        this.repetition = repetition;
        this.field = field;
    }

    static IngestRejection error(ErrorCode code, String segment, int repetition, int field, String text) {
        return new IngestRejection(AcknowledgmentCode.AE, code, segment, repetition, field, text);
    }

    HL7Exception toHl7Exception() {
        HL7Exception e = new HL7Exception(getMessage(), code);
        if (segment != null) {
            e.setSegmentName(segment);
            e.setSegmentRepetition(Math.max(repetition, 1));
            if (field > 0) {
                e.setFieldPosition(field);
            }
        }
        return e;
    }
}
