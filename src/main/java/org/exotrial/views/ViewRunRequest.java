package org.exotrial.views;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * The parameters of one {@code $viewdefinition-run}, from the query string and from a {@code Parameters} body read as
 * plain JSON: HAPI's R4 parser refuses {@code "resourceType": "ViewDefinition"} inside {@code viewResource}, since
 * ViewDefinition is no R4 resource type.
 *
 * @param view the inline view's JSON ({@code viewResource}), or null
 * @param viewReference {@code viewReference}, or null
 * @param format the output format
 * @param header whether a CSV output starts with the column names
 * @param patients {@code patient} values as ids, empty when not given
 * @param group {@code group} as an id, or null
 * @param since {@code _since}, or null
 * @param limit {@code _limit}, or null
 * @param resources inline {@code resource} parameters (JSON), to run on instead of the server's data
 */
record ViewRunRequest(
        JsonNode view,
        String viewReference,
        RowFormat format,
        boolean header,
        List<String> patients,
        String group,
        Date since,
        Integer limit,
        List<JsonNode> resources) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ViewRunRequest of(Map<String, String[]> query, String contentType, byte[] body) {
        Builder b = new Builder();
        query.forEach((name, values) -> {
            for (String value : values) {
                b.set(name, value);
            }
        });
        if (body != null
                && body.length > 0
                && contentType != null
                && contentType.toLowerCase(Locale.ROOT).contains("json")) {
            JsonNode parameters;
            try {
                parameters = JSON.readTree(body);
            } catch (IOException e) {
                throw new InvalidRequestException("The body is not JSON: " + e.getMessage());
            }
            if (parameters != null && !parameters.isMissingNode()) {
                b.body(parameters);
            }
        }
        return b.build();
    }

    private static final class Builder {
        JsonNode view;
        String viewReference;
        String format;
        Boolean header;
        final List<String> patients = new ArrayList<>();
        String group;
        Date since;
        Integer limit;
        final List<JsonNode> resources = new ArrayList<>();

        void body(JsonNode parameters) {
            if (!parameters.isObject()
                    || !"Parameters".equals(parameters.path("resourceType").asText())) {
                throw new InvalidRequestException("The body must be a Parameters resource");
            }
            for (JsonNode p : parameters.path("parameter")) {
                String name = p.path("name").asText();
                if (p.has("resource")) {
                    if (name.equals("viewResource")) {
                        view = p.get("resource");
                    } else if (name.equals("resource")) {
                        resources.add(p.get("resource"));
                    } else {
                        throw new InvalidRequestException("Unknown resource parameter '" + name + "'");
                    }
                    continue;
                }
                String value = primitive(p);
                if (value == null) {
                    throw new InvalidRequestException("Parameter '" + name + "' has no value");
                }
                set(name, value);
            }
        }

        /** value[x] of a parameter as text: valueString, valueCode, valueInteger, valueReference.reference... */
        private static String primitive(JsonNode p) {
            for (var it = p.fields(); it.hasNext(); ) {
                var field = it.next();
                if (field.getKey().equals("valueReference")) {
                    return field.getValue().path("reference").asText(null);
                }
                if (field.getKey().startsWith("value") && field.getValue().isValueNode()) {
                    return field.getValue().asText();
                }
            }
            return null;
        }

        void set(String name, String value) {
            switch (name) {
                case "viewReference" -> viewReference = value;
                case "_format" -> format = value;
                case "header" -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new InvalidRequestException("header is true or false, not '" + value + "'");
                    }
                    header = Boolean.valueOf(value);
                }
                case "patient" -> patients.add(idPart(value, "Patient"));
                case "group" -> group = idPart(value, "Group");
                case "_since" -> since = instant(value);
                case "_limit" -> limit = positive(value);
                case "viewResource", "resource" -> throw new InvalidRequestException(
                        name + " is a resource: send it in a Parameters body");
                default -> {
                    // Unknown query parameters (HAPI's own, such as _pretty) are ignored, as a search ignores them.
                }
            }
        }

        ViewRunRequest build() {
            RowFormat rowFormat = RowFormat.of(format);
            return new ViewRunRequest(
                    view,
                    viewReference,
                    rowFormat,
                    header == null || header,
                    List.copyOf(patients),
                    group,
                    since,
                    limit,
                    List.copyOf(resources));
        }

        private static String idPart(String value, String type) {
            String id = value.startsWith(type + "/") ? value.substring(type.length() + 1) : value;
            if (!id.matches("[A-Za-z0-9\\-.]{1,64}")) {
                throw new InvalidRequestException("'" + value + "' is not a " + type + " id or reference");
            }
            return id;
        }

        private static Date instant(String value) {
            try {
                return Date.from(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeParseException e) {
                try {
                    return new DateTimeType(value).getValue(); // a date, or a dateTime of lower precision
                } catch (RuntimeException again) {
                    throw new InvalidRequestException(
                            "_since is an instant (2026-01-31T00:00:00Z), not '" + value + "'");
                }
            }
        }

        private static Integer positive(String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new InvalidRequestException("_limit is a positive integer, not '" + value + "'");
        }
    }
}
