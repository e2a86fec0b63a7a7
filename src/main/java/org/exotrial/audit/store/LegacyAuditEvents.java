package org.exotrial.audit.store;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the AuditEvents that versions before the trail's own table stored as HAPI resources into that table, so an
 * upgraded server's trail stays complete and searchable in one place. Each copy keeps its old id ({@code legacy_id},
 * unique), so a copy interrupted by a shutdown simply resumes at the next start. The HAPI resources are left as they
 * are: nothing writes them any more, and the API no longer serves them.
 */
public final class LegacyAuditEvents {

    private static final Logger log = LoggerFactory.getLogger(LegacyAuditEvents.class);
    private static final int CHUNK = 500;

    private final AuditStore store;
    private final IFhirResourceDao<AuditEvent> dao;

    public LegacyAuditEvents(AuditStore store, IFhirResourceDao<AuditEvent> dao) {
        this.store = store;
        this.dao = dao;
    }

    /** Copies what is not copied yet; returns how many HAPI resources were looked at (0 when none are left). */
    public int copy() {
        int legacy = count();
        if (legacy == 0 || legacy <= store.legacyCount()) {
            return 0;
        }
        log.info("Audit: copying {} AuditEvents stored by an earlier version into the trail's table", legacy);
        // One search, paged through HAPI's stored results: a page of it is read the way a client's next page is.
        SearchParameterMap everything = new SearchParameterMap();
        everything.setSort(new SortSpec("_id"));
        IBundleProvider found = dao.search(everything, new SystemRequestDetails());
        int seen = 0;
        while (true) {
            List<AuditEvent> events = found.getResources(seen, seen + CHUNK).stream()
                    .filter(Objects::nonNull)
                    .map(AuditEvent.class::cast)
                    .toList();
            if (events.isEmpty()) {
                break;
            }
            List<String> ids =
                    events.stream().map(e -> e.getIdElement().getIdPart()).toList();
            // The table gives each copy its own id, version and time stored; only the profiles are the event's own.
            events.forEach(e -> e.setId((String) null)
                    .setMeta(new Meta().setProfile(e.getMeta().getProfile())));
            store.appendLegacy(events, ids);
            seen += events.size();
        }
        log.info("Audit: {} earlier AuditEvents are in the trail's table", store.legacyCount());
        return seen;
    }

    private int count() {
        SearchParameterMap all = SearchParameterMap.newSynchronous();
        all.setSearchTotalMode(SearchTotalModeEnum.ACCURATE);
        all.setCount(0);
        IBundleProvider found = dao.search(all, new SystemRequestDetails());
        return found.size() == null ? 0 : found.size();
    }
}
