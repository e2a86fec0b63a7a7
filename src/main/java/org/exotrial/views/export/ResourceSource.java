package org.exotrial.views.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.exotrial.views.ServerResources;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Every stored resource of one type that a view of an export runs over, narrowed to some patients and to changes since
 * a time: {@code $viewdefinition-run}'s reader ({@link ServerResources}) for a job, which has no request and so finds
 * the FHIR server (and its database-backed paging) when it runs. The server's own read: what the caller may see is
 * decided by the export itself, scopes at kick-off and blinding row by row.
 */
final class ResourceSource {

    /** What a view's rows are written by; may fail with an I/O error (the file being written). */
    interface Sink {
        void accept(IBaseResource resource) throws IOException;
    }

    private final ServerResources resources;
    private final Supplier<RestfulServer> server;

    ResourceSource(ServerResources resources, Supplier<RestfulServer> server) {
        this.resources = resources;
        this.server = server;
    }

    /** The search parameter that ties a resource of the type to a patient, or null when none does. */
    static String patientParameter(FhirContext fhir, String type) {
        if ("Patient".equals(type)) {
            return "_id";
        }
        var definition = fhir.getResourceDefinition(type);
        for (String candidate : List.of("patient", "subject", "individual")) {
            var parameter = definition.getSearchParam(candidate);
            if (parameter != null && parameter.getTargets().contains("Patient")) {
                return candidate;
            }
        }
        return definition.getSearchParam("patient") != null ? "patient" : null;
    }

    /**
     * Calls {@code sink} for each matching resource; returns how many there were.
     *
     * @param patients {@code Patient/<id>} references; none for every patient's
     */
    long forEach(String type, List<String> patients, Date since, Sink sink) throws IOException {
        List<String> ids = patients.isEmpty()
                ? null
                : patients.stream().map(p -> p.substring(p.indexOf('/') + 1)).toList();
        long[] count = {0};
        resources.read(type, ids, since, server.get(), resource -> {
            sink.accept(resource);
            count[0]++;
            return true;
        });
        return count[0];
    }
}
