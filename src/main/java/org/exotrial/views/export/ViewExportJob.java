package org.exotrial.views.export;

import ca.uhn.fhir.batch2.api.IJobDataSink;
import ca.uhn.fhir.batch2.api.IJobStepWorker;
import ca.uhn.fhir.batch2.api.JobExecutionFailedException;
import ca.uhn.fhir.batch2.api.RunOutcome;
import ca.uhn.fhir.batch2.api.StepExecutionDetails;
import ca.uhn.fhir.batch2.api.VoidModel;
import ca.uhn.fhir.batch2.model.JobDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Permission;
import org.exotrial.security.access.Role;
import org.exotrial.security.access.SmartScope;
import org.exotrial.views.RedactedCells;
import org.exotrial.views.engine.CompiledView;
import org.exotrial.views.engine.InvalidViewException;
import org.exotrial.views.engine.ViewCompiler;
import org.exotrial.views.engine.ViewEvaluationException;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * {@code $viewdefinition-export} as a HAPI batch2 job: persisted in the database with its parameters, so it survives
 * a restart and runs on whichever node of a cluster picks its chunks up. Two steps: the first emits one work chunk per
 * view, the second runs a view over the stored resources and stores its file ({@link ExportFiles}); views run in
 * parallel on batch2's workers. Cancelling the job (DELETE on the status URL) stops chunks not yet started.
 */
final class ViewExportJob {

    static final String JOB_ID = "exotrial-viewdefinition-export";

    private final ViewCompiler compiler;
    private final ResourceSource source;
    private final CallerBlinding blinding;
    private final ExportFiles files;

    ViewExportJob(ViewCompiler compiler, ResourceSource source, CallerBlinding blinding, ExportFiles files) {
        this.compiler = compiler;
        this.source = source;
        this.blinding = blinding;
        this.files = files;
    }

    JobDefinition<ViewExportParameters> definition() {
        return JobDefinition.newBuilder()
                .setJobDefinitionId(JOB_ID)
                .setJobDescription("SQL-on-FHIR $viewdefinition-export")
                .setJobDefinitionVersion(1)
                .setParametersType(ViewExportParameters.class)
                .addFirstStep("split", "One chunk per view", ViewChunk.class, this::split)
                .addLastStep("write", "Run a view and store its file", (IJobStepWorker<
                                ViewExportParameters, ViewChunk, VoidModel>)
                        this::write)
                .build();
    }

    private RunOutcome split(
            StepExecutionDetails<ViewExportParameters, VoidModel> details, IJobDataSink<ViewChunk> sink) {
        for (int i = 0; i < details.getParameters().views.size(); i++) {
            sink.accept(new ViewChunk(i));
        }
        return RunOutcome.SUCCESS;
    }

    private RunOutcome write(
            StepExecutionDetails<ViewExportParameters, ViewChunk> details, IJobDataSink<VoidModel> sink) {
        ViewExportParameters parameters = details.getParameters();
        ViewExportParameters.View exported = parameters.views.get(details.getData().view);
        ExportFormat format = ExportFormat.of(parameters.format);
        Caller caller = caller(parameters);
        CompiledView view;
        try {
            view = compiler.compile(exported.json);
        } catch (InvalidViewException e) {
            throw new JobExecutionFailedException("View " + exported.name + ": " + e.getMessage(), e);
        }
        Date since = parameters.since == null ? null : Date.from(Instant.parse(parameters.since));
        Path file = null;
        try {
            file = Files.createTempFile("exotrial-view-export-", "." + format.extension);
            AtomicLong rows = new AtomicLong();
            // The same rule as $viewdefinition-run: rows of the masked copy, REDACTED where the mask may have emptied.
            RedactedCells redacted = new RedactedCells(view, blinding.withheldElements());
            try (RowFileWriter out = RowFileWriter.open(format, view.columns(), file)) {
                source.forEach(view.resourceType(), parameters.patients, since, resource -> {
                    if (!caller.may(resource.fhirType(), Permission.READ)) {
                        return; // outside the caller's per-resource boundary (the EHR role): a search would not show it
                    }
                    IBaseResource shown = blinding.shown(caller, resource);
                    List<List<Object>> viewRows = view.rows(shown);
                    if (shown != resource) {
                        redacted.mark(viewRows);
                    }
                    for (List<Object> row : viewRows) {
                        out.write(row);
                        rows.incrementAndGet();
                    }
                });
            }
            files.save(
                    details.getInstance().getInstanceId(),
                    exported.name + "." + format.extension,
                    parameters.clientId,
                    format.mediaType,
                    rows.get(),
                    Files.readAllBytes(file));
            return new RunOutcome((int) Math.min(Integer.MAX_VALUE, rows.get()));
        } catch (ViewEvaluationException e) {
            // The view cannot run on the data (a column finding several values...): retrying would fail the same way.
            throw new JobExecutionFailedException("View " + exported.name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Export of view " + exported.name + " failed", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file; the system's temp cleaner takes it
                }
            }
        }
    }

    static Caller caller(ViewExportParameters parameters) {
        Role role = Role.ofClaim(parameters.role);
        if (role == null) {
            throw new JobExecutionFailedException("Unknown role " + parameters.role);
        }
        return new Caller(
                parameters.clientId,
                role,
                parameters.scopes.stream().map(SmartScope::parse).toList());
    }
}
