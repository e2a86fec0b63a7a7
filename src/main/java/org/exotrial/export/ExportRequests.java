package org.exotrial.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.util.Batch2JobDefinitionConstants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.exotrial.security.access.Permission;
import org.hl7.fhir.r4.model.Parameters;

/**
 * The checks HAPI's bulk export provider lacks, on the REST server: who may start an export and of which types, which
 * {@code _outputFormat}s are accepted, and that a job is polled (or cancelled) only by the client that started it.
 * The requester is written into the job ({@link ExportJobs}), since the job runs later without the request.
 */
@Interceptor
final class ExportRequests {

    static final String EXPORT = "$export";
    static final String POLL_STATUS = "$export-poll-status";

    /** The output formats of the Bulk Data IG: the full media type and its short forms. */
    private static final Set<String> NDJSON = Set.of(Constants.CT_FHIR_NDJSON, "application/ndjson", "ndjson");

    /** Types a default export (no {@code _type}) leaves out: export files themselves, and the trail (own table). */
    private static final Set<String> NEVER_BY_DEFAULT = Set.of("Binary", "AuditEvent");

    private final IJobCoordinator jobs;
    private final FhirContext fhir;
    private final CallerBlinding blinding;
    private final Runnable beforeGroupExport;
    private final Runnable moveJobsOn;
    private final String retryAfterSeconds;

    ExportRequests(
            IJobCoordinator jobs,
            FhirContext fhir,
            CallerBlinding blinding,
            Runnable beforeGroupExport,
            Runnable moveJobsOn,
            Duration jobInterval) {
        this.jobs = jobs;
        this.moveJobsOn = moveJobsOn;
        this.fhir = fhir;
        this.blinding = blinding;
        this.beforeGroupExport = beforeGroupExport;
        this.retryAfterSeconds = String.valueOf(Math.max(1, (jobInterval.toMillis() + 999) / 1000));
    }

    /**
     * SERVER_INCOMING_REQUEST_PRE_HANDLED: the EHR role may not export at all, and a poll names a job of the caller's.
     * Stock HAPI answers a poll without {@code _jobId} with a 500 (NullPointerException) and lets any client poll,
     * cancel and so learn the file URLs of any job.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void arrived(RequestDetails request) {
        String operation = request.getOperation();
        if (!EXPORT.equals(operation) && !POLL_STATUS.equals(operation)) {
            return;
        }
        Caller caller = Callers.of(request);
        requireExporter(caller, operation);
        if (POLL_STATUS.equals(operation)) {
            ownJob(caller, jobId(request));
            if (request.getRequestType() == RequestTypeEnum.GET) {
                // batch2 moves a job to its next step in a maintenance pass, every exotrial.export.job-interval; a
                // client polling runs one now (it returns at once if one is running), so each step starts as soon as
                // the one before has ended and is asked about, instead of waiting for the next scheduled pass.
                moveJobsOn.run();
            }
        }
    }

    /**
     * SERVER_PROCESSING_COMPLETED_NORMALLY: a poll of a running job. HAPI always asks for a retry after 120 s, while
     * a job moves on every {@code exotrial.export.job-interval}; its answer has no body yet, so the header can change.
     */
    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void answered(RequestDetails request, ServletRequestDetails servlet) {
        if (servlet != null
                && POLL_STATUS.equals(request.getOperation())
                && servlet.getServletResponse().getStatus() == Constants.STATUS_HTTP_202_ACCEPTED
                && servlet.getServletResponse().containsHeader(Constants.HEADER_RETRY_AFTER)
                && !servlet.getServletResponse().isCommitted()) {
            servlet.getServletResponse().setHeader(Constants.HEADER_RETRY_AFTER, retryAfterSeconds);
        }
    }

    /**
     * STORAGE_PRE_INITIATE_BULK_EXPORT, before HAPI's own checks and the job's start: the job's types within the
     * caller's scopes, its filters free of arm parameters for a blinded caller, the output format one the IG names, and
     * the requester recorded in the job for its blinding and its files' owner.
     */
    @Hook(Pointcut.STORAGE_PRE_INITIATE_BULK_EXPORT)
    public void starting(BulkExportJobParameters job, RequestDetails request) {
        Caller caller = Callers.of(request);
        requireExporter(caller, EXPORT);
        job.setOutputFormat(outputFormat(job.getOutputFormat()));
        List<String> asked = explicitTypes(request);
        for (String type : asked) {
            if (!fhir.getResourceTypes().contains(type) || "Binary".equals(type)) {
                throw new InvalidRequestException("_type names '" + type + "', which is not a resource type this"
                        + " server exports (every FHIR R4 resource type but Binary)");
            }
            if (caller != null && !caller.may(type, Permission.SEARCH)) {
                throw new ForbiddenOperationException(refusal(caller, type));
            }
        }
        List<String> types = new ArrayList<>();
        for (String type : job.getResourceTypes()) {
            boolean readable = caller == null || caller.may(type, Permission.SEARCH);
            if (readable && (asked.contains(type) || !NEVER_BY_DEFAULT.contains(type))) {
                types.add(type);
            }
        }
        if (types.isEmpty()) {
            throw new ForbiddenOperationException("The token's scopes allow no resource type this export could hold");
        }
        job.setResourceTypes(types);
        List<String> filters = new ArrayList<>(job.getFilters());
        filters.addAll(job.getPostFetchFilterUrls());
        for (String filter : filters) {
            String type = filter.contains("?") ? filter.substring(0, filter.indexOf('?')) : filter;
            if (!types.contains(type)) {
                throw new InvalidRequestException(
                        "_typeFilter '" + type + "?...' names a type the export does not hold:"
                                + " each filter is Type?search-parameters, for a type of _type");
            }
        }
        if (caller != null) {
            String armParameter = blinding.armParameter(caller, filters);
            if (armParameter != null) {
                throw new ForbiddenOperationException("An export may not filter by '" + armParameter + "' while a"
                        + " study is masked: it could select participants of a masked study by arm. Filter by study"
                        + " (study=, trial-study=) or export the study's Group instead.");
            }
        }
        ExportJobs.recordRequester(job, caller);
        if (job.getExportStyle() == BulkExportJobParameters.ExportStyle.GROUP) {
            beforeGroupExport.run();
        }
    }

    private static void requireExporter(Caller caller, String operation) {
        if (caller != null && caller != Caller.SYSTEM && !caller.role().exports()) {
            throw new ForbiddenOperationException("The " + caller.role().claim() + " role may not run " + operation
                    + "; no scope can allow it (docs/export.md lists who may export)");
        }
    }

    private static String refusal(Caller caller, String type) {
        if (!caller.role().permits(type, Permission.SEARCH)) {
            return "The " + caller.role().claim() + " role may not export " + type + "; no scope can allow it";
        }
        return "The token does not allow exporting " + type + ": it needs the scope system/" + type + ".s";
    }

    private static String outputFormat(String asked) {
        if (asked == null || asked.isBlank() || NDJSON.contains(asked.trim())) {
            return Constants.CT_FHIR_NDJSON;
        }
        throw new InvalidRequestException("_outputFormat '" + asked + "' is not supported: this server writes "
                + Constants.CT_FHIR_NDJSON + " (also accepted as application/ndjson or ndjson)");
    }

    /** The types the request names in {@code _type} (query or Parameters body); empty when it names none. */
    private static List<String> explicitTypes(RequestDetails request) {
        Set<String> types = new LinkedHashSet<>();
        for (String value : parameter(request, "_type")) {
            for (String type : value.split(",")) {
                if (!type.isBlank()) {
                    types.add(type.trim());
                }
            }
        }
        return List.copyOf(types);
    }

    private static List<String> parameter(RequestDetails request, String name) {
        List<String> values = new ArrayList<>();
        String[] query = request.getParameters().get(name);
        if (query != null) {
            values.addAll(List.of(query));
        }
        if (request.getResource() instanceof Parameters body) {
            body.getParameter().stream()
                    .filter(p -> name.equals(p.getName()) && p.getValue() != null)
                    .forEach(p -> values.add(p.getValue().primitiveValue()));
        }
        return values;
    }

    private static String jobId(RequestDetails request) {
        List<String> ids = parameter(request, "_jobId");
        if (ids.isEmpty() || ids.get(0) == null || ids.get(0).isBlank()) {
            throw new InvalidRequestException(POLL_STATUS + " needs the _jobId parameter: poll the URL the kick-off"
                    + " answered in Content-Location");
        }
        return ids.get(0);
    }

    /** The job, when it is a bulk export the caller started; otherwise 404, as for a job that does not exist. */
    private void ownJob(Caller caller, String jobId) {
        JobInstance instance;
        try {
            instance = jobs.getInstance(jobId);
        } catch (ResourceNotFoundException e) {
            throw unknownJob();
        }
        // A cancelled job is gone for its client (the IG's answer after DELETE); HAPI would keep answering 202.
        if (!Batch2JobDefinitionConstants.BULK_EXPORT.equals(instance.getJobDefinitionId())
                || instance.getStatus() == StatusEnum.CANCELLED) {
            throw unknownJob();
        }
        String owner = ExportJobs.requesterClientId(instance.getParameters(BulkExportJobParameters.class));
        String asking = caller == null ? null : caller.clientId();
        if (!Objects.equals(owner, asking)) {
            throw unknownJob();
        }
    }

    private static ResourceNotFoundException unknownJob() {
        return new ResourceNotFoundException("This client has no export job with that _jobId (jobs are visible only"
                + " to the client that started them; finished jobs are removed after the retention period)");
    }
}
