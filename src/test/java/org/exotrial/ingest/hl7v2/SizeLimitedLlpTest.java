package org.exotrial.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.llp.HL7Reader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** With HAPI's own MLLP reader, as the listener uses it. */
class SizeLimitedLlpTest {

    private static final String MESSAGE = "MSH|^~\\&|LIS|TUMS|EXOTRIAL|TUMS|20250112080000||ORU^R01|1|P|2.5\r";

    @Test
    void messagesUpToTheLimitAreReadOneAfterAnother() throws Exception {
        HL7Reader reader = new SizeLimitedLlp(MESSAGE.length() + 10).getReader(stream(MESSAGE, MESSAGE));
        assertThat(reader.getMessage()).isEqualTo(MESSAGE);
        // The count starts again after each message's end of block.
        assertThat(reader.getMessage()).isEqualTo(MESSAGE);
    }

    @Test
    void aMessageOverTheLimitFailsTheReadInsteadOfFillingTheHeap() throws Exception {
        HL7Reader reader = new SizeLimitedLlp(64).getReader(stream(MESSAGE + "X".repeat(10_000)));
        assertThatThrownBy(reader::getMessage)
                .hasStackTraceContaining("HL7 v2 message over 64 bytes (exotrial.ingest.max-request-size)");
    }

    /** MLLP frames: start block 0x0b, the message, end block 0x1c and a carriage return. */
    private static ByteArrayInputStream stream(String... messages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String message : messages) {
            out.write(0x0b);
            out.write(message.getBytes(StandardCharsets.ISO_8859_1));
            out.write(SizeLimitedLlp.END_OF_BLOCK);
            out.write('\r');
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
