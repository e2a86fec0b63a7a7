package org.exotrial.views;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.exotrial.security.access.Permission;
import org.exotrial.security.access.Refusals;
import org.exotrial.views.engine.CompiledView;
import org.exotrial.views.engine.InvalidViewException;
import org.exotrial.views.engine.ViewCompiler;
import org.exotrial.views.engine.ViewEvaluationException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL on FHIR v2's {@code $viewdefinition-run}, synchronous: a view (inline or held by the server) run over the
 * server's resources of its type or over resources given inline, rows streamed as CSV, NDJSON or JSON.
 *
 * <p>Why a HAPI operation with {@code manualRequest} and {@code manualResponse}: it stays inside HAPI's pipeline, so the
 * bearer token (Spring Security), the scope rules ({@code ScopeAuthorization} allows the operation, this class checks
 * read and search on the view's type), blinding's request checks and the audit trail ({@code RequestAudit} records every
 * run, failed ones with their status) apply exactly as to a search; only the body is read here, as plain JSON, because
 * HAPI's R4 parser refuses {@code "resourceType": "ViewDefinition"} inside {@code Parameters}.
 * {@code /fhir/ViewDefinition/$viewdefinition-run}, a path HAPI would answer 404 (ViewDefinition is no R4 type), is
 * routed here by {@link ViewDefinitionPaths}.
 *
 * <p>Resources are read unmasked and page by page ({@link ServerResources}); for each one this class applies what a
 * search by the caller would: read rights on its type, and blinding ({@link CallerBlinding#shown}). Rows come from the
 * masked copy; a cell the mask may have emptied reads {@value #REDACTED} ({@link RedactedCells}), so withheld never
 * looks like absent.
 */
final class ViewRunOperation {

    static final String REDACTED = "REDACTED";

    private static final Logger LOG = LoggerFactory.getLogger(ViewRunOperation.class);

    private final ViewCompiler compiler;
    private final ViewLibrary library;
    private final ServerResources data;
    private final CallerBlinding blinding;
    private final FhirContext fhir;

    ViewRunOperation(
            ViewCompiler compiler,
            ViewLibrary library,
            ServerResources data,
            CallerBlinding blinding,
            FhirContext fhir) {
        this.compiler = compiler;
        this.library = library;
        this.data = data;
        this.blinding = blinding;
        this.fhir = fhir;
    }

    @Operation(name = "$viewdefinition-run", idempotent = true, manualRequest = true, manualResponse = true)
    public void run(HttpServletRequest servletRequest, HttpServletResponse servletResponse, RequestDetails request)
            throws IOException {
        Caller caller = Callers.of(request);
        // The body through HAPI, which has read it already (the guards look at every body) and keeps it.
        ViewRunRequest run = ViewRunRequest.of(
                servletRequest.getParameterMap(), servletRequest.getContentType(), request.loadRequestContents());
        CompiledView view = view(run, (String) servletRequest.getAttribute(ViewDefinitionPaths.VIEW_REFERENCE));
        String type = view.resourceType();
        for (Permission needed : List.of(Permission.READ, Permission.SEARCH)) {
            if (!caller.may(type, needed)) {
                throw new ForbiddenOperationException(Refusals.message(caller, type, needed));
            }
        }
        List<String> patients = patients(caller, run);
        List<IBaseResource> inline = inline(run);

        servletResponse.setStatus(200);
        // HAPI sets its request id on responses it writes itself; the audit trail names runs by it.
        if (request.getRequestId() != null) {
            servletResponse.setHeader("X-Request-ID", request.getRequestId());
        }
        servletResponse.setContentType(run.format().mediaType());
        servletResponse.setCharacterEncoding("UTF-8");
        BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(servletResponse.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        RowWriter rows = new RowWriter(run.format(), view.columns(), run.header(), out);
        RedactedCells redacted = new RedactedCells(view, blinding.withheldElements());
        int limit = run.limit() == null ? Integer.MAX_VALUE : run.limit();
        int[] written = {0};
        ServerResources.Sink sink = resource -> {
            if (!caller.may(resource.fhirType(), Permission.READ)) {
                return true; // outside the EHR role's per-resource boundary: withheld, as a read of it would be refused
            }
            for (List<Object> row : rows(caller, view, redacted, blinding, resource)) {
                if (written[0] >= limit) {
                    return false;
                }
                rows.write(row);
                written[0]++;
            }
            return written[0] < limit;
        };
        try {
            if (run.resources().isEmpty()) {
                data.read(type, patients, run.since(), (RestfulServer) request.getServer(), sink);
            } else {
                for (IBaseResource resource : inline) {
                    if (!sink.accept(resource)) {
                        break;
                    }
                }
            }
            rows.close();
        } catch (ViewEvaluationException e) {
            if (!servletResponse.isCommitted()) {
                servletResponse.resetBuffer(); // nothing has reached the client: answer with the error instead
                throw new InvalidRequestException("The view cannot run: " + e.getMessage());
            }
            // Rows already went out with a 200: end the body with the error rather than pass a cut-off as complete.
            LOG.warn("$viewdefinition-run failed after {} rows: {}", written[0], e.getMessage());
            throw new InvalidRequestException("The view failed after " + written[0] + " rows: " + e.getMessage());
        }
    }

    private CompiledView view(ViewRunRequest run, String pathReference) {
        String reference = pathReference != null ? pathReference : run.viewReference();
        if (run.view() != null && reference != null) {
            throw new InvalidRequestException("Give the view once: viewResource or viewReference, not both");
        }
        String json;
        if (run.view() != null) {
            json = run.view().toString();
        } else if (reference != null) {
            json = library.find(reference)
                    .orElseThrow(() -> new ResourceNotFoundException("The server holds no view " + reference));
        } else {
            throw new InvalidRequestException(
                    "No view: give viewResource (a ViewDefinition in a Parameters body) or viewReference");
        }
        try {
            return compiler.compile(json);
        } catch (InvalidViewException e) {
            throw new InvalidRequestException("The ViewDefinition is not valid: " + e.getMessage());
        }
    }

    /** The patients whose resources the run is limited to ({@code patient}, {@code group}); null for all. */
    private List<String> patients(Caller caller, ViewRunRequest run) {
        if (run.group() == null) {
            return run.patients().isEmpty() ? null : run.patients();
        }
        if (!caller.may("Group", Permission.READ)) {
            throw new ForbiddenOperationException(Refusals.message(caller, "Group", Permission.READ));
        }
        List<String> members = data.groupMembers(run.group());
        if (run.patients().isEmpty()) {
            return members;
        }
        List<String> both = new ArrayList<>(run.patients());
        both.retainAll(members);
        return both;
    }

    private List<IBaseResource> inline(ViewRunRequest run) {
        List<IBaseResource> resources = new ArrayList<>();
        for (var json : run.resources()) {
            try {
                resources.add(fhir.newJsonParser().parseResource(json.toString()));
            } catch (DataFormatException e) {
                throw new InvalidRequestException(
                        "A 'resource' parameter is not a valid R4 resource: " + e.getMessage());
            }
        }
        return resources;
    }

    /**
     * The rows the caller may see: from the masked copy when blinding masks the resource, with {@value #REDACTED} in
     * the cells the mask may have emptied ({@link RedactedCells}).
     */
    private static List<List<Object>> rows(
            Caller caller, CompiledView view, RedactedCells redacted, CallerBlinding blinding, IBaseResource stored) {
        IBaseResource shown = blinding.shown(caller, stored);
        List<List<Object>> rows = view.rows(shown);
        if (shown != stored) {
            redacted.mark(rows);
        }
        return rows;
    }
}
