package org.exotrial.export;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.util.JsonUtil;
import java.util.List;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Role;
import org.junit.jupiter.api.Test;

/** The requester a job runs as, written at kick-off and read back in the worker thread. */
class ExportJobsTest {

    @Test
    void theRequesterTravelsWithTheJobThroughItsStoredParameters() {
        BulkExportJobParameters job = new BulkExportJobParameters();
        ExportJobs.recordRequester(job, new Caller("demo-statistician", Role.STATISTICIAN, List.of()));

        // batch2 stores the parameters as JSON and the worker reads them back
        BulkExportJobParameters stored = JsonUtil.deserialize(JsonUtil.serialize(job), BulkExportJobParameters.class);

        Caller requester = ExportJobs.requester(stored);
        assertThat(requester.clientId()).isEqualTo("demo-statistician");
        assertThat(requester.seesArmsWhileMasked()).isTrue();
        assertThat(ExportJobs.requesterClientId(stored)).isEqualTo("demo-statistician");
        assertThat(stored.getBinarySecurityContextIdentifierSystem()).isEqualTo(ExportJobs.FILE_OWNER_SYSTEM);
        assertThat(stored.getBinarySecurityContextIdentifierValue()).isEqualTo("demo-statistician");
    }

    @Test
    void aJobWithoutAKnownRequesterRunsBlinded() {
        assertThat(ExportJobs.requester(new BulkExportJobParameters()).seesArmsWhileMasked())
                .isFalse();

        BulkExportJobParameters unknownRole = new BulkExportJobParameters();
        unknownRole.setUserData("exotrial.export.clientId", "someone");
        unknownRole.setUserData("exotrial.export.role", "superuser");
        assertThat(ExportJobs.requester(unknownRole).seesArmsWhileMasked()).isFalse();

        BulkExportJobParameters securityOff = new BulkExportJobParameters();
        ExportJobs.recordRequester(securityOff, null);
        assertThat(ExportJobs.requester(securityOff).seesArmsWhileMasked()).isFalse();
        assertThat(ExportJobs.requesterClientId(securityOff)).isNull();
    }
}
