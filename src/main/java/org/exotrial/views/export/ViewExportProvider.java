package org.exotrial.views.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.JobInstanceStartRequest;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.exotrial.views.ViewDefinitionPaths;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;

/**
 * SQL on FHIR v2 {@code $viewdefinition-export}, asynchronous like bulk {@code $export} (the FHIR asynchronous
 * request pattern): {@code POST /fhir/$viewdefinition-export} answers 202 with {@code Content-Location}, the status
 * URL {@code $viewdefinition-export-status?_exportId=} answers 202 with {@code X-Progress} and {@code Retry-After}
 * while the job runs and 200 with the manifest (Parameters: exportId, status, location, _format, times, and one
 * {@code output} per file with its name and location) when done; DELETE there cancels and removes the files. The
 * files ({@code $viewdefinition-export-file}) go only to the client that started the export, with a token.
 */
public final class ViewExportProvider {

    static final String STATUS = "$viewdefinition-export-status";
    static final String FILE = "$viewdefinition-export-file";

    private final IJobCoordinator jobs;
    private final IJobMaintenanceService maintenance;
    private final ExportKickOff kickOff;
    private final ExportFiles files;
    private final ViewExportProperties properties;
    private final FhirContext fhir;

    ViewExportProvider(
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            ExportKickOff kickOff,
            ExportFiles files,
            ViewExportProperties properties,
            FhirContext fhir) {
        this.jobs = jobs;
        this.maintenance = maintenance;
        this.kickOff = kickOff;
        this.files = files;
        this.properties = properties;
        this.fhir = fhir;
    }

    @Operation(name = "$viewdefinition-export", manualRequest = true, manualResponse = true, idempotent = false)
    public void kickOff(RequestDetails request, HttpServletResponse response) throws IOException {
        requestId(request, response);
        Caller caller = caller(request);
        ExportRequest input = ExportRequest.read(request.loadRequestContents(), request.getParameters());
        if (request instanceof ServletRequestDetails servlet
                && servlet.getServletRequest().getAttribute(ViewDefinitionPaths.VIEW_REFERENCE)
                        instanceof String view) {
            // POST /fhir/ViewDefinition/<id>/$viewdefinition-export: the instance is the view.
            input.views().add(new ExportRequest.ViewInput(null, view, null));
        }
        ViewExportParameters parameters = kickOff.check(input, caller);
        JobInstanceStartRequest start = new JobInstanceStartRequest(ViewExportJob.JOB_ID, parameters);
        start.setUseCache(false);
        String exportId = jobs.startInstance(request, start).getInstanceId();
        maintenance.runMaintenancePass();
        String location = statusUrl(request, exportId);
        Parameters body = new Parameters();
        body.addParameter("exportId", exportId);
        body.addParameter().setName("status").setValue(new org.hl7.fhir.r4.model.CodeType("accepted"));
        body.addParameter().setName("location").setValue(new UriType(location));
        if (parameters.clientTrackingId != null) {
            body.addParameter("clientTrackingId", parameters.clientTrackingId);
        }
        response.setHeader("Content-Location", location);
        write(response, 202, body);
    }

    @Operation(name = STATUS, manualResponse = true, idempotent = true, deleteEnabled = true)
    public void status(RequestDetails request, HttpServletResponse response) throws IOException {
        requestId(request, response);
        Caller caller = caller(request);
        String exportId = required(request, "_exportId");
        JobInstance job = owned(exportId, caller);
        ViewExportParameters parameters = job.getParameters(ViewExportParameters.class);
        if (request.getRequestType() == RequestTypeEnum.DELETE) {
            if (!job.getStatus().isEnded()) {
                jobs.cancelInstance(exportId);
            }
            files.markDeleted(exportId);
            files.delete(exportId);
            write(
                    response,
                    202,
                    outcome(
                            OperationOutcome.IssueSeverity.INFORMATION,
                            "Export " + exportId + " cancelled; its files are deleted"));
            return;
        }
        StatusEnum status = job.getStatus();
        if (status == StatusEnum.COMPLETED) {
            write(response, 200, manifest(request, job, parameters, "completed"));
        } else if (status == StatusEnum.FAILED) {
            Parameters failed = manifest(request, job, parameters, "failed");
            failed.addParameter("error", String.valueOf(job.getErrorMessage()));
            write(response, 200, failed);
        } else {
            // batch2 moves a job from step to step in its maintenance pass, once a minute by default; a client
            // polling runs a pass now (it returns at once when another is running), so a small export is ready in
            // seconds rather than minutes. Scheduling a pass (triggerMaintenancePass) did not shorten the wait.
            maintenance.runMaintenancePass();
            int total = parameters.views.size();
            int done = files.list(exportId).size();
            response.setHeader("X-Progress", done + " of " + total + " views written");
            response.setHeader("Retry-After", "2");
            Parameters running = new Parameters();
            running.addParameter("exportId", exportId);
            running.addParameter().setName("status").setValue(new org.hl7.fhir.r4.model.CodeType("in-progress"));
            running.addParameter().setName("location").setValue(new UriType(statusUrl(request, exportId)));
            write(response, 202, running);
        }
    }

    @Operation(name = FILE, manualResponse = true, idempotent = true)
    public void file(RequestDetails request, HttpServletResponse response) throws IOException {
        requestId(request, response);
        Caller caller = caller(request);
        String exportId = required(request, "_exportId");
        String name = required(request, "_file");
        owned(exportId, caller);
        ExportFiles.FileContent file = files.read(exportId, name)
                .orElseThrow(() -> new ResourceNotFoundException("Export " + exportId + " has no file '" + name + "'"));
        response.setStatus(200);
        response.setContentType(file.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        response.setContentLength(file.content().length);
        response.getOutputStream().write(file.content());
        response.getOutputStream().flush();
    }

    /**
     * The export's job, if it is this caller's and still kept. Another client's export is refused with 403 (the id
     * is a random UUID, so naming one tells nothing), a cancelled, deleted or expired one is 404.
     */
    private JobInstance owned(String exportId, Caller caller) {
        JobInstance job;
        try {
            job = jobs.getInstance(exportId);
        } catch (ResourceNotFoundException e) {
            throw new ResourceNotFoundException("No export " + exportId);
        }
        if (!ViewExportJob.JOB_ID.equals(job.getJobDefinitionId())) {
            throw new ResourceNotFoundException("No export " + exportId);
        }
        ViewExportParameters parameters = job.getParameters(ViewExportParameters.class);
        if (!caller.clientId().equals(parameters.clientId)) {
            throw new ForbiddenOperationException(
                    "Export " + exportId + " belongs to another client: only the client that started it may use it");
        }
        Date created = job.getCreateTime();
        if (job.getStatus() == StatusEnum.CANCELLED || files.isDeleted(exportId)) {
            throw new ResourceNotFoundException("Export " + exportId + " was cancelled");
        }
        if (created != null && created.toInstant().plus(properties.retention()).isBefore(Instant.now())) {
            throw new ResourceGoneException("Export " + exportId + " has expired: files are kept for "
                    + properties.retention() + " (exotrial.views.export.retention)");
        }
        return job;
    }

    private Parameters manifest(
            RequestDetails request, JobInstance job, ViewExportParameters parameters, String status) {
        String exportId = job.getInstanceId();
        Parameters manifest = new Parameters();
        manifest.addParameter("exportId", exportId);
        manifest.addParameter().setName("status").setValue(new org.hl7.fhir.r4.model.CodeType(status));
        manifest.addParameter().setName("location").setValue(new UriType(statusUrl(request, exportId)));
        manifest.addParameter().setName("_format").setValue(new org.hl7.fhir.r4.model.CodeType(parameters.format));
        manifest.addParameter("requiresAccessToken", true);
        if (parameters.clientTrackingId != null) {
            manifest.addParameter("clientTrackingId", parameters.clientTrackingId);
        }
        if (job.getStartTime() != null) {
            manifest.addParameter().setName("exportStartTime").setValue(new InstantType(job.getStartTime()));
        }
        if (job.getEndTime() != null) {
            manifest.addParameter().setName("exportEndTime").setValue(new InstantType(job.getEndTime()));
        }
        for (ExportFiles.FileInfo file : files.list(exportId)) {
            var output = manifest.addParameter().setName("output");
            output.addPart().setName("name").setValue(new org.hl7.fhir.r4.model.StringType(file.name()));
            output.addPart()
                    .setName("location")
                    .setValue(new UriType(request.getFhirServerBase() + "/" + FILE + "?_exportId=" + exportId
                            + "&_file=" + file.name()));
            output.addPart().setName("rows").setValue(new org.hl7.fhir.r4.model.IntegerType(file.rows()));
        }
        return manifest;
    }

    /** HAPI names the request in X-Request-ID only on responses it writes; the audit trail is keyed on it. */
    private static void requestId(RequestDetails request, HttpServletResponse response) {
        if (request.getRequestId() != null) {
            response.setHeader("X-Request-ID", request.getRequestId());
        }
    }

    private static String statusUrl(RequestDetails request, String exportId) {
        return request.getFhirServerBase() + "/" + STATUS + "?_exportId=" + exportId;
    }

    private static String required(RequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        if (values == null || values.length == 0 || values[0].isBlank()) {
            throw new InvalidRequestException(
                    "Missing parameter " + name + ": use the URL the kick-off or manifest gave");
        }
        if (!values[0].matches("[A-Za-z0-9._-]{1,100}")) {
            throw new InvalidRequestException("Malformed parameter " + name);
        }
        return values[0];
    }

    private static Caller caller(RequestDetails request) {
        Caller caller = Callers.of(request);
        if (caller == null) {
            throw new ForbiddenOperationException("$viewdefinition-export needs an access token");
        }
        return caller;
    }

    private static OperationOutcome outcome(OperationOutcome.IssueSeverity severity, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(severity)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics(text);
        return outcome;
    }

    private void write(HttpServletResponse response, int status, IBaseResource body) throws IOException {
        byte[] bytes = fhir.newJsonParser().encodeResourceToString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=utf-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.getOutputStream().flush();
    }

    static List<String> operations() {
        return List.of("$viewdefinition-export", STATUS, FILE);
    }
}
