package org.exotrial.views.export;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A kick-off's input, read from the Parameters body as JSON rather than as an R4 resource: {@code viewResource}
 * holds a ViewDefinition, which is no R4 resource type, so HAPI's parser would refuse the body. Query parameters of
 * the same names are read too ({@code _format}, {@code patient}, {@code group}, {@code _since}, {@code
 * viewReference}).
 */
record ExportRequest(
        List<ViewInput> views,
        String format,
        List<String> patients,
        List<String> groups,
        String since,
        String clientTrackingId) {

    /** One {@code view}: its output name (or null), and a reference or an inline ViewDefinition (JSON). */
    record ViewInput(String name, String reference, String resourceJson) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    static ExportRequest read(byte[] body, Map<String, String[]> query) {
        List<ViewInput> views = new ArrayList<>();
        List<String> patients = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String format = first(query, "_format");
        String since = first(query, "_since");
        String tracking = first(query, "clientTrackingId");
        for (String reference : query.getOrDefault("viewReference", new String[0])) {
            views.add(new ViewInput(null, reference, null));
        }
        patients.addAll(List.of(query.getOrDefault("patient", new String[0])));
        groups.addAll(List.of(query.getOrDefault("group", new String[0])));
        if (body != null && body.length > 0) {
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (IOException e) {
                throw new InvalidRequestException(
                        "The body is not JSON: send a Parameters resource" + " (Content-Type: application/fhir+json)");
            }
            if (root == null || !"Parameters".equals(root.path("resourceType").asText())) {
                throw new InvalidRequestException("The body must be a Parameters resource");
            }
            for (JsonNode parameter : root.path("parameter")) {
                String name = parameter.path("name").asText("");
                switch (name) {
                    case "view" -> views.add(view(parameter.path("part")));
                    case "viewReference", "viewResource" -> views.add(
                            view(JSON.createArrayNode().add(parameter)));
                    case "_format" -> format = value(parameter);
                    case "_since" -> since = value(parameter);
                    case "patient" -> patients.add(value(parameter));
                    case "group" -> groups.add(value(parameter));
                    case "clientTrackingId" -> tracking = value(parameter);
                    default -> throw new InvalidRequestException("Unknown parameter '" + name
                            + "': $viewdefinition-export takes view (name, viewReference, viewResource), _format,"
                            + " patient, group, _since, clientTrackingId");
                }
            }
        }
        return new ExportRequest(views, format, patients, groups, since, tracking);
    }

    private static ViewInput view(JsonNode parts) {
        String name = null;
        String reference = null;
        String resource = null;
        for (JsonNode part : parts) {
            switch (part.path("name").asText("")) {
                case "name" -> name = value(part);
                case "viewReference" -> reference = value(part);
                case "viewResource" -> {
                    JsonNode view = part.path("resource");
                    if (!view.isObject()) {
                        throw new InvalidRequestException("viewResource must hold a ViewDefinition in 'resource'");
                    }
                    resource = view.toString();
                }
                default -> throw new InvalidRequestException(
                        "Unknown part '" + part.path("name").asText() + "' of view: name, viewReference, viewResource");
            }
        }
        if ((reference == null) == (resource == null)) {
            throw new InvalidRequestException("Each view needs exactly one of viewReference and viewResource");
        }
        return new ViewInput(name, reference, resource);
    }

    /** A parameter's primitive value (value[x] of any primitive type), or a Reference's reference. */
    private static String value(JsonNode parameter) {
        var fields = parameter.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().startsWith("value")) {
                JsonNode value = field.getValue();
                if (value.isObject() && value.has("reference")) {
                    return value.get("reference").asText();
                }
                if (value.isValueNode()) {
                    return value.asText();
                }
            }
        }
        throw new InvalidRequestException(
                "Parameter '" + parameter.path("name").asText() + "' has no value (value[x] or a Reference)");
    }

    private static String first(Map<String, String[]> query, String name) {
        String[] values = query.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
