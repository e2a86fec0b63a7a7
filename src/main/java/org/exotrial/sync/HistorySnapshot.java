package org.exotrial.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ends an open-ended system or type {@code _history} (with or without {@code _since}) at the moment it is first
 * asked, so that its pages are one snapshot.
 *
 * <p>HAPI 8.8 pages a history by offset over {@code HFJ_RES_VER} ordered by update time, newest first
 * ({@code HistoryBuilder.fetchEntities}), and re-runs that query for every page with the bounds of the stored search
 * ({@code Search.lastUpdatedLow/High}); {@code _since} sets only the lower bound. A write between two pages lands in
 * front, pushes every older version one place on, and the next page repeats an entry. Rewriting {@code _since=X} as
 * {@code _at=geX&_at=le<now>} (the same lower bound, plus an upper one HAPI stores with the search) leaves later
 * writes out of every page of this history; the client's next poll picks them up. A client that gives {@code _at}
 * chose its own bounds and is left alone. An instance's history is left alone too: there HAPI reads {@code _at} as
 * "current at some point in the range" (the version current at its start included), unlike {@code _since}; and one
 * resource's versions are not what a registry polls.
 *
 * <p>What this cannot close: a write transaction takes its update time when it starts and becomes visible when it
 * commits, so a version stamped before the bound may appear after the first page was read (docs/sync.md: poll from the
 * last update time seen minus a margin, and de-duplicate by version).
 */
@Interceptor
final class HistorySnapshot {

    /** Where HAPI reads {@code _at=geX} exactly as {@code _since=X} ({@code HistoryBuilder.addPredicatesToQuery}). */
    private static final Set<RestOperationTypeEnum> HISTORY =
            Set.of(RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.HISTORY_TYPE);
    /** Milliseconds always: {@code le} of a whole second would reach to its end. */
    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

    private final Clock clock;

    HistorySnapshot(Clock clock) {
        this.clock = clock;
    }

    /** After HAPI chose the method and before it reads the parameters (SERVER_INCOMING_REQUEST_PRE_HANDLED is later). */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void endAtFirstRequest(RequestDetails request) {
        if (!HISTORY.contains(request.getRestOperationType())
                || request.getParameters().containsKey("_at")) {
            return;
        }
        Map<String, String[]> parameters = new HashMap<>(request.getParameters());
        List<String> at = new ArrayList<>();
        String[] since = parameters.remove("_since");
        if (since != null && since.length > 0) {
            at.add("ge" + since[0]);
        }
        at.add("le" + INSTANT.format(clock.instant()));
        parameters.put("_at", at.toArray(String[]::new));
        request.setParameters(parameters);
    }
}
