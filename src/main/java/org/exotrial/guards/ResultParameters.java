package org.exotrial.guards;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * The parameters that shape a result, checked before HAPI reads them. HAPI ignores a {@code _summary} or
 * {@code _total} it does not know and a negative {@code _count}, so the client gets a full result it did not ask for
 * without a word; and a negative {@code _offset} reaches Spring Data, which throws (500).
 */
final class ResultParameters {

    private static final Map<String, List<String>> CODES = Map.of(
            Constants.PARAM_SUMMARY, List.of("true", "false", "text", "data", "count"),
            Constants.PARAM_SEARCH_TOTAL_MODE, List.of("none", "estimate", "accurate"));

    private static final List<String> NON_NEGATIVE = List.of(Constants.PARAM_COUNT, Constants.PARAM_OFFSET);

    private ResultParameters() {}

    static void refuseInvalid(Map<String, String[]> parameters) {
        CODES.forEach((name, allowed) -> {
            for (String value : parameters.getOrDefault(name, new String[0])) {
                if (!allowed.contains(value)) {
                    throw new InvalidRequestException(
                            name + "=" + value + " is not one of " + String.join(", ", allowed));
                }
            }
        });
        for (String name : NON_NEGATIVE) {
            for (String value : parameters.getOrDefault(name, new String[0])) {
                if (value.trim().startsWith("-")) {
                    throw new InvalidRequestException(name + " must not be negative: " + value);
                }
            }
        }
    }
}
