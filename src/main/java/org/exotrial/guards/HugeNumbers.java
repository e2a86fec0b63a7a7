package org.exotrial.guards;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
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

    /** A transaction or batch entry's request: its URL and its condition hold search values. */
    private static final Set<String> ENTRY_QUERIES = Set.of("url", "ifNoneExist");

    private static final Pattern XML_ENTRY_QUERY =
            Pattern.compile("<(?:url|ifNoneExist)\\s+value\\s*=\\s*[\"']([^\"']*)[\"']");

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
     * Throws a 400 when a FHIR JSON or XML body holds a number with more than {@link #MAX_DIGITS} digits written out,
     * or a transaction entry whose URL or condition holds a search number out of range. A JSON body is read once
     * more, token by token with Jackson's streaming parser, which builds nothing (about 36 microseconds for a 7 KB
     * bundle, against milliseconds to validate a resource). A null encoding (a Binary sent in its own content type) is
     * not FHIR and passes.
     */
    static void refuseInBody(byte[] body, EncodingEnum encoding) {
        if (encoding == null) {
            return;
        }
        if (encoding == EncodingEnum.XML) {
            String xml = new String(body, StandardCharsets.UTF_8);
            Matcher attribute = XML_VALUE.matcher(xml);
            while (attribute.find()) {
                refuseTooLong(attribute.group(1).trim());
            }
            Matcher query = XML_ENTRY_QUERY.matcher(xml);
            while (query.find()) {
                refuseInQuery(query.group(1));
            }
            return;
        }
        try (JsonParser tokens = JSON.createParser(body)) {
            for (JsonToken token = tokens.nextToken(); token != null; token = tokens.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                    refuseTooLong(tokens.getText());
                } else if (token == JsonToken.VALUE_STRING && isEntryQuery(tokens.currentName())) {
                    refuseInQuery(tokens.getText());
                }
            }
        } catch (IOException e) {
            // Not JSON after all, or JSON HAPI's parser will refuse with its own message.
        }
    }

    /** A string in an array has no field name; {@code Set.of} refuses to look for null. */
    private static boolean isEntryQuery(String field) {
        return field != null && ENTRY_QUERIES.contains(field);
    }

    /**
     * The search values in a URL or query string: a transaction entry's conditional URL, its {@code ifNoneExist}, or
     * the {@code If-None-Exist} header. HAPI searches with them as with a request's own parameters.
     */
    static void refuseInQuery(String urlOrQuery) {
        String query = urlOrQuery.substring(urlOrQuery.indexOf('?') + 1);
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                refuseInParameter(decoded(pair.substring(0, equals)), decoded(pair.substring(equals + 1)));
            }
        }
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // HAPI refuses the broken escape itself
        }
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
