package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistorySnapshotTest {

    private final HistorySnapshot snapshot =
            new HistorySnapshot(Clock.fixed(Instant.parse("2026-12-06T09:00:00Z"), ZoneOffset.UTC));

    @Test
    void sinceBecomesTheSameLowerBoundAndNowTheUpperOne() {
        SystemRequestDetails request = request(
                RestOperationTypeEnum.HISTORY_TYPE,
                Map.of("_since", new String[] {"2026-12-06T08:00:00.5Z"}, "_count", new String[] {"2"}));

        snapshot.endAtFirstRequest(request);

        assertThat(request.getParameters()).doesNotContainKey("_since");
        assertThat(request.getParameters().get("_at"))
                .containsExactly("ge2026-12-06T08:00:00.5Z", "le2026-12-06T09:00:00.000Z");
        assertThat(request.getParameters().get("_count")).containsExactly("2");
    }

    @Test
    void aWholeHistoryEndsNowToo() {
        SystemRequestDetails request = request(RestOperationTypeEnum.HISTORY_SYSTEM, Map.of());

        snapshot.endAtFirstRequest(request);

        assertThat(request.getParameters().get("_at")).containsExactly("le2026-12-06T09:00:00.000Z");
    }

    @Test
    void theClientsOwnBoundsAnInstancesHistoryAndSearchesAreLeftAlone() {
        Map<String, String[]> at = Map.of("_at", new String[] {"ge2026-01-01"});
        Map<String, String[]> since = Map.of("_since", new String[] {"2026-01-01"});
        for (SystemRequestDetails request : new SystemRequestDetails[] {
            request(RestOperationTypeEnum.HISTORY_TYPE, at),
            request(RestOperationTypeEnum.HISTORY_INSTANCE, since),
            request(RestOperationTypeEnum.SEARCH_TYPE, since)
        }) {
            Map<String, String[]> before = request.getParameters();
            snapshot.endAtFirstRequest(request);
            assertThat(request.getParameters()).isEqualTo(before);
        }
    }

    private static SystemRequestDetails request(RestOperationTypeEnum operation, Map<String, String[]> parameters) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRestOperationType(operation);
        request.setParameters(new java.util.HashMap<>(parameters));
        return request;
    }
}
