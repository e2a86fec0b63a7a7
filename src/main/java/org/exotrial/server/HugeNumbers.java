package org.exotrial.server;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers too large for the server to handle, refused with 400 before HAPI reads them. HAPI writes decimals out in
 * full: its JSON parser turns {@code 1e99999999} into a string of a hundred million digits, and so does a search
 * value when it is compared or hashed, which runs the server out of memory. No measurement needs more than
 * {@link #MAX_DIGITS} digits, and a search cannot compare a number PostgreSQL's double precision cannot hold.
 */
public final class HugeNumbers {

    /** Far beyond any measurement, and cheap to write out. */
    public static final int MAX_DIGITS = 1000;

    /** Search values must lie within PostgreSQL's double precision (about 1e±308), with room to spare. */
    private static final BigDecimal LARGEST = new BigDecimal("1e300");

    private static final BigDecimal SMALLEST = new BigDecimal("1e-300");

    /** A search number, after an optional comparison prefix. */
    private static final Pattern SEARCH_NUMBER =
            Pattern.compile("(?:eq|ne|gt|lt|ge|le|sa|eb|ap)?([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    /** An XML attribute value, where FHIR XML puts every primitive. */
    private static final Pattern XML_VALUE = Pattern.compile("value\\s*=\\s*[\"']([^\"']*)[\"']");

    private static final JsonFactory JSON = new JsonFactory();

    private HugeNumbers() {}

    /**
     * Throws a 400 naming the parameter when {@code value} holds a number a search cannot compare. Numbers are looked
     * for wherever a search value can stand: the whole value, or a part between {@code ,} {@code $} {@code |}, in
     * every parameter, chained and {@code _has} ones included.
     */
    static void refuseInParameter(String name, String value) {
        for (String part : value.split("[,$|&=]")) {
            Matcher number = SEARCH_NUMBER.matcher(part);
            if (number.matches() && !searchable(number.group(1))) {
                throw new InvalidRequestException("The number " + abbreviated(number.group(1)) + " in " + name
                        + " is outside the range a search compares (magnitudes from 1e-300 to 1e300)");
            }
        }
    }

    /**
     * Throws a 400 when a FHIR JSON or XML body holds a number with more than {@link #MAX_DIGITS} digits written out.
     * Other bodies (a Binary's own content type) are left alone.
     */
    static void refuseInBody(byte[] body, String contentType) {
        EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
        if (encoding == null || !hasLongExponent(body)) {
            return; // nearly every body: one pass over its bytes
        }
        if (encoding == EncodingEnum.XML) {
            Matcher attribute = XML_VALUE.matcher(new String(body, StandardCharsets.UTF_8));
            while (attribute.find()) {
                refuseTooLong(attribute.group(1).trim());
            }
            return;
        }
        try (JsonParser tokens = JSON.createParser(body)) {
            for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    refuseTooLong(tokens.getText());
                }
            }
        } catch (IOException e) {
            // Not JSON after all, or JSON HAPI's parser will refuse with its own message.
        }
    }

    /** A digit or point, then {@code e} or {@code E}, an optional sign and four or more digits. */
    static boolean hasLongExponent(byte[] body) {
        for (int i = 1; i < body.length; i++) {
            if ((body[i] == 'e' || body[i] == 'E') && (isDigit(body[i - 1]) || body[i - 1] == '.')) {
                int j = i + 1;
                if (j < body.length && (body[j] == '+' || body[j] == '-')) {
                    j++;
                }
                int digits = 0;
                while (j < body.length && isDigit(body[j])) {
                    digits++;
                    j++;
                }
                if (digits >= 4) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** Digits of {@code number} written out without an exponent. */
    public static long writtenOutDigits(BigDecimal number) {
        return Math.max((long) number.precision() - number.scale(), (long) number.scale()) + 1;
    }

    private static void refuseTooLong(String literal) {
        if (SEARCH_NUMBER.matcher(literal).matches() && digits(literal) > MAX_DIGITS) {
            throw new InvalidRequestException(
                    "The number " + abbreviated(literal) + " has more than " + MAX_DIGITS + " digits written out");
        }
    }

    private static long digits(String literal) {
        try {
            return writtenOutDigits(new BigDecimal(literal));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // an exponent beyond an int: too large even for BigDecimal
        }
    }

    private static boolean searchable(String literal) {
        try {
            BigDecimal magnitude = new BigDecimal(literal).abs();
            return magnitude.signum() == 0 || (magnitude.compareTo(LARGEST) <= 0 && magnitude.compareTo(SMALLEST) >= 0);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviated(String number) {
        return number.length() <= 40 ? number : number.substring(0, 40) + "...";
    }
}
