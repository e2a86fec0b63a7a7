package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.llp.HL7Reader;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * HAPI's MLLP framing with {@code exotrial.ingest.max-request-size} per message, as {@code POST /hl7v2} has. HAPI's
 * reader collects a message's bytes until the end-of-block character, with no bound: a sender that never ends a
 * message (a faulty interface engine, or anyone who reaches the port, which has no authentication) would fill the
 * heap. Past the limit the read fails, HAPI closes that connection, and nothing of the message is stored.
 *
 * <p>Commons IO's {@code BoundedInputStream} does not serve here: it bounds a whole stream, and an MLLP connection
 * carries many messages, so the count must start again at each end-of-block byte, which it cannot see or reset.
 */
final class SizeLimitedLlp extends MinLowerLayerProtocol {

    /** MLLP's end-of-block character: every message ends with it, so the count starts again after it. */
    static final int END_OF_BLOCK = 0x1c;

    private final long maxMessageBytes;

    SizeLimitedLlp(long maxMessageBytes) {
        super(false); // as HAPI's default context: the charset is not taken from MSH-18
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public HL7Reader getReader(InputStream in) throws LLPException {
        return super.getReader(new MessageSizeLimit(in, maxMessageBytes));
    }

    static final class MessageSizeLimit extends FilterInputStream {

        private final long max;
        private long count;

        MessageSizeLimit(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            for (int i = 0; i < n; i++) {
                counted(buffer[offset + i] & 0xff);
            }
            return n;
        }

        private void counted(int b) throws IOException {
            if (b == END_OF_BLOCK) {
                count = 0;
            } else if (++count > max) {
                throw new IOException("HL7 v2 message over " + max
                        + " bytes (exotrial.ingest.max-request-size); the connection is closed");
            }
        }
    }
}
