package org.exotrial.export;

import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import java.util.List;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Role;

/**
 * Who asked for an export job, kept in the job's parameters: the job runs later, in a worker thread, without the
 * request. The files carry the client id too ({@code Binary.securityContext}), so that only that client reads them.
 */
final class ExportJobs {

    /** The identifier system of an export file's owner: the OAuth client that started the export. */
    static final String FILE_OWNER_SYSTEM = "https://exotrial.org/fhir/sid/export-client";

    private static final String CLIENT_ID = "exotrial.export.clientId";
    private static final String ROLE = "exotrial.export.role";

    /** Blinded and owned by nobody: what a job whose requester cannot be established runs as (fail closed). */
    private static final Caller UNKNOWN = new Caller(null, Role.ANALYST, List.of());

    private ExportJobs() {}

    static void recordRequester(BulkExportJobParameters job, Caller caller) {
        if (caller == null) {
            return; // security off: no client to own the files, and the job runs blinded
        }
        job.setUserData(CLIENT_ID, caller.clientId());
        job.setUserData(ROLE, caller.role().claim());
        job.setBinarySecurityContextIdentifierSystem(FILE_OWNER_SYSTEM);
        job.setBinarySecurityContextIdentifierValue(caller.clientId());
    }

    static String requesterClientId(BulkExportJobParameters job) {
        return job.getUserData().get(CLIENT_ID) instanceof String clientId ? clientId : null;
    }

    /**
     * The requester as blinding needs it (client and role; its scopes were checked at the start). A job without a
     * recorded role, or with one this version does not know, counts as blinded.
     */
    static Caller requester(BulkExportJobParameters job) {
        Role role = job.getUserData().get(ROLE) instanceof String claim ? Role.ofClaim(claim) : null;
        return role == null ? UNKNOWN : new Caller(requesterClientId(job), role, List.of());
    }
}
