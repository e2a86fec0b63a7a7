package org.exotrial.ingest.hl7v2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The ER7 messages under src/test/resources/ingest/hl7v2, with their ${PLACEHOLDERS} filled in. */
public final class V2Fixtures {

    private V2Fixtures() {}

    public static String load(String name, Map<String, String> values) {
        try (InputStream in = V2Fixtures.class.getResourceAsStream("/ingest/hl7v2/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (var e : values.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
