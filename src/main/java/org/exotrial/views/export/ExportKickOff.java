package org.exotrial.views.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Permission;
import org.exotrial.views.engine.InvalidViewException;
import org.exotrial.views.engine.ViewCompiler;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;

/**
 * Checks a kick-off before any job starts, so that bad input is a 4xx now rather than a failed job later: every view
 * found and valid (compiled once here), the caller may search each view's resource type, the format is known, the
 * patients and groups exist as references, {@code _since} is an instant. Returns the job's parameters.
 */
final class ExportKickOff {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, Optional<String>> library;
    private final ViewCompiler compiler;
    private final DaoRegistry daos;
    private final FhirContext fhir;

    /** @param library a view's JSON by reference: canonical URL, {@code ViewDefinition/<id>} or {@code Library/<id>} */
    ExportKickOff(
            Function<String, Optional<String>> library, ViewCompiler compiler, DaoRegistry daos, FhirContext fhir) {
        this.library = library;
        this.compiler = compiler;
        this.daos = daos;
        this.fhir = fhir;
    }

    ViewExportParameters check(ExportRequest request, Caller caller) {
        if (request.views().isEmpty()) {
            throw new InvalidRequestException("Name at least one view: a 'view' parameter with viewReference (e.g."
                    + " https://exotrial.org/fhir/ViewDefinition/exotrial-subjects) or viewResource");
        }
        ExportFormat format = ExportFormat.of(request.format());
        if (format == null) {
            throw new InvalidRequestException(
                    "Unknown _format '" + request.format() + "': use csv, parquet or ndjson (or their media types)");
        }
        ViewExportParameters parameters = new ViewExportParameters();
        parameters.clientId = caller.clientId();
        parameters.role = caller.role().claim();
        parameters.scopes = caller.scopes().stream().map(Object::toString).toList();
        parameters.format = format.extension;
        parameters.clientTrackingId = request.clientTrackingId();
        parameters.since = since(request.since());
        for (String patient : request.patients()) {
            parameters.patients.add(patient(patient));
        }
        for (String group : request.groups()) {
            parameters.patients.addAll(members(group, caller));
        }
        Set<String> names = new HashSet<>();
        int index = 0;
        for (ExportRequest.ViewInput input : request.views()) {
            index++;
            String json = input.resourceJson() != null
                    ? input.resourceJson()
                    : library.apply(input.reference())
                            .orElseThrow(
                                    () -> new ResourceNotFoundException(
                                            "No view '" + input.reference()
                                                    + "' on this server: list them with GET"
                                                    + " /fhir/Library?type=https://exotrial.org/fhir/CodeSystem/exotrial-library-type|view-definition"));
            JsonNode view = parse(json);
            String type = view.path("resource").asText("");
            if (!caller.may(type, Permission.SEARCH)) {
                throw new ForbiddenOperationException("The " + caller.role().claim() + " caller may not search "
                        + (type.isEmpty() ? "the view's resource type" : type) + ", so it may not export a view of it");
            }
            if (!parameters.patients.isEmpty() && ResourceSource.patientParameter(fhir, type) == null) {
                throw new InvalidRequestException("A view of " + type + " cannot be limited to patients: " + type
                        + " has no patient search parameter");
            }
            try {
                compiler.compile(json);
            } catch (InvalidViewException e) {
                throw new InvalidRequestException("View " + index + " is not valid: " + e.getMessage());
            }
            String name =
                    name(input.name() != null ? input.name() : view.path("name").asText(null), index);
            while (!names.add(name)) {
                name = name + "_" + index;
            }
            parameters.views.add(new ViewExportParameters.View(name, json));
        }
        if (!parameters.patients.isEmpty() || !request.groups().isEmpty()) {
            // A group without members limits the export to nothing, not to everything.
            if (parameters.patients.isEmpty()) {
                parameters.patients.add("Patient/-");
            }
        }
        return parameters;
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode view = JSON.readTree(json);
            if (view == null
                    || !"ViewDefinition".equals(view.path("resourceType").asText())) {
                throw new InvalidRequestException("A view must be a ViewDefinition (resourceType ViewDefinition)");
            }
            return view;
        } catch (IOException e) {
            throw new InvalidRequestException("A view is not JSON");
        }
    }

    /** An output file name: letters, digits, '_' and '-' only (it becomes part of a URL and a file name). */
    static String name(String wanted, int index) {
        String cleaned = wanted == null ? "" : wanted.replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.isEmpty() ? "view_" + index : cleaned;
    }

    private static String since(String since) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(since).toString();
            } catch (DateTimeParseException again) {
                throw new InvalidRequestException(
                        "_since must be an instant with a time zone, e.g. 2026-01-01T00:00:00Z; got '" + since + "'");
            }
        }
    }

    private static String patient(String reference) {
        IdType id = new IdType(reference);
        if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart() || reference.contains("?")) {
            throw new InvalidRequestException("patient must be a reference Patient/<id>; got '" + reference + "'");
        }
        return "Patient/" + id.getIdPart();
    }

    private List<String> members(String reference, Caller caller) {
        IdType id = new IdType(reference);
        if (!"Group".equals(id.getResourceType()) || !id.hasIdPart()) {
            throw new InvalidRequestException("group must be a reference Group/<id>; got '" + reference + "'");
        }
        if (!caller.may("Group", Permission.READ)) {
            throw new ForbiddenOperationException(
                    "The " + caller.role().claim() + " caller may not read Group, so it may not export by group");
        }
        Group group =
                daos.getResourceDao(Group.class).read(new IdType("Group", id.getIdPart()), new SystemRequestDetails());
        return group.getMember().stream()
                .map(m -> m.getEntity().getReferenceElement())
                .filter(r -> "Patient".equals(r.getResourceType()))
                .map(r -> "Patient/" + r.getIdPart())
                .toList();
    }
}
