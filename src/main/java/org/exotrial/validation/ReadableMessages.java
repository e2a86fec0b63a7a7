package org.exotrial.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HL7 validator's messages, without the Java object dumps some of them embed. A pattern that does not match says
 * why with the list of its nested messages, printed by their {@code toString}: "Issues: [ValidationMessage[level=ERROR,
 * type=VALUE,location=Procedure.reasonCode[0].coding.code,message=Value is '363406005' but is fixed to ...]]". That
 * becomes "Issues: Procedure.reasonCode[0].coding.code: Value is '363406005' but is fixed to ...".
 */
final class ReadableMessages {

    private static final String DUMP = "ValidationMessage[";
    /** What {@code ValidationMessage.toString()} prints before the location and the message (ToStringBuilder). */
    private static final Pattern FIELDS = Pattern.compile(
            "(?:org\\.hl7\\.fhir\\.utilities\\.validation\\.)?ValidationMessage(?:@[0-9a-f]+)?\\[level=[A-Za-z_]*,"
                    + "type=[A-Za-z_]*,location=(.*?),message=");

    private ReadableMessages() {}

    static String of(String message) {
        if (message == null || !message.contains(DUMP)) {
            return message;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = FIELDS.matcher(message);
        int end = 0;
        boolean inList = false;
        while (m.find()) {
            String before = message.substring(end, m.start());
            if (inList) {
                // The previous dump's message ran up to here: drop the "]" that closed it and the ", " between dumps.
                before = stripClosing(before);
                out.append(before).append("; ");
            } else {
                out.append(before.endsWith("[") ? before.substring(0, before.length() - 1) : before);
            }
            out.append(m.group(1)).append(": ");
            end = m.end();
            inList = true;
        }
        String rest = message.substring(end);
        // The last dump closes with "]" and the list around the dumps with another.
        int close = rest.lastIndexOf("]]");
        if (close >= 0) {
            rest = rest.substring(0, close) + rest.substring(close + 2);
        } else if (rest.endsWith("]")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        return out.append(rest).toString();
    }

    private static String stripClosing(String between) {
        String s = between;
        if (s.endsWith(", ")) {
            s = s.substring(0, s.length() - 2);
        }
        return s.endsWith("]") ? s.substring(0, s.length() - 1) : s;
    }
}
