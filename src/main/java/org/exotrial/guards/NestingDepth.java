package org.exotrial.guards;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Bodies nested deeper than {@link #MAX_DEPTH} levels are refused with 400 before HAPI reads them. The HL7 validator
 * walks a resource recursively, several stack frames per level: an Observation with 240 nested extensions (some 480
 * JSON levels, within the JSON parser's limit of 1,000) overflowed a request thread's stack, and the write failed
 * with 500. Real content stays far below the limit: a transaction adds four levels, and a questionnaire ten levels of
 * items deep about twenty.
 */
final class NestingDepth {

    static final int MAX_DEPTH = 100;

    private NestingDepth() {}

    /**
     * Throws a 400 when a FHIR JSON or XML body nests deeper than {@link #MAX_DEPTH}. A null encoding (a Binary sent in
     * its own content type) is not FHIR and passes.
     */
    static void refuseTooDeep(byte[] body, EncodingEnum encoding) {
        if (encoding == null) {
            return;
        }
        int depth = encoding == EncodingEnum.XML ? xmlDepth(body) : jsonDepth(body);
        if (depth > MAX_DEPTH) {
            throw new InvalidRequestException(
                    "The request body is nested " + depth + " levels deep; at most " + MAX_DEPTH + " are accepted");
        }
    }

    /** The deepest nesting of objects and arrays, outside strings. */
    static int jsonDepth(byte[] body) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++; // an escaped character, a quote included
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return deepest;
    }

    /** The deepest nesting of elements; comments, CDATA and processing instructions do not count. */
    static int xmlDepth(byte[] body) {
        int depth = 0;
        int deepest = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] != '<' || i + 1 >= body.length) {
                continue;
            }
            byte next = body[i + 1];
            if (next == '/') {
                depth--;
            } else if (startsWith(body, i, "<!--")) {
                i = indexOf(body, i, "-->");
            } else if (startsWith(body, i, "<![CDATA[")) {
                i = indexOf(body, i, "]]>");
            } else if (next == '!' || next == '?') {
                i = indexOf(body, i, ">");
            } else {
                int end = tagEnd(body, i);
                if (body[end - 1] != '/') {
                    deepest = Math.max(deepest, ++depth);
                }
                i = end;
            }
        }
        return deepest;
    }

    /** The {@code >} closing the tag that starts at {@code start}, skipping quoted attribute values. */
    private static int tagEnd(byte[] body, int start) {
        byte quote = 0;
        for (int i = start + 1; i < body.length; i++) {
            byte b = body[i];
            if (quote != 0) {
                if (b == quote) {
                    quote = 0;
                }
            } else if (b == '"' || b == '\'') {
                quote = b;
            } else if (b == '>') {
                return i;
            }
        }
        return body.length - 1;
    }

    private static boolean startsWith(byte[] body, int at, String prefix) {
        if (at + prefix.length() > body.length) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (body[at + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, int from, String text) {
        for (int i = from; i + text.length() <= body.length; i++) {
            if (startsWith(body, i, text)) {
                return i + text.length() - 1;
            }
        }
        return body.length;
    }
}
