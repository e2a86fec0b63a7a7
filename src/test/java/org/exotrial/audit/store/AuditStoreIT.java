package org.exotrial.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The trail's own table behind {@code /fhir/AuditEvent}: paging, counts, the search semantics admins rely on, clear
 * refusals of what it cannot search, and the copy of a trail an earlier version stored as HAPI resources.
 */
class AuditStoreIT extends ServerIT {

    @Autowired
    AuditStore store;

    @Autowired
    LegacyAuditEvents legacy;

    @Autowired
    DaoRegistry daos;

    @Test
    void pagesByOffsetThroughEveryMatchingEventExactlyOnce() {
        String name = unique("paged");
        for (int i = 0; i < 5; i++) {
            store.append(List.of(event(name, Instant.now().minusSeconds(60 - i))));
        }
        String url = "/AuditEvent?entity-name:exact=" + name + "&_count=2";
        Bundle first = bundle(url);
        assertThat(first.getTotal()).isEqualTo(5);
        Set<String> ids = new HashSet<>();
        int pages = 0;
        Bundle page = first;
        while (page != null && !page.getEntry().isEmpty()) {
            pages++;
            page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            var next = page.getLink(Bundle.LINK_NEXT);
            page = next == null ? null : fhir().loadPage().next(page).execute();
        }
        assertThat(ids).hasSize(5);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void countsSortsAndMatchesDatesByTheirPrecision() {
        String name = unique("dated");
        Instant base = Instant.parse("2026-03-10T10:00:00Z");
        for (int i = 0; i < 3; i++) {
            store.append(List.of(event(name, base.plus(Duration.ofDays(i)))));
        }
        String byName = "/AuditEvent?entity-name:exact=" + name;
        assertThat(bundle(byName + "&_summary=count").getTotal()).isEqualTo(3);
        assertThat(bundle(byName + "&_summary=count").getEntry()).isEmpty();
        assertThat(bundle(byName + "&date=2026-03-11").getTotal()).isEqualTo(1);
        assertThat(bundle(byName + "&date=2026-03").getTotal()).isEqualTo(3);
        assertThat(bundle(byName + "&date=gt2026-03-10").getTotal()).isEqualTo(2);
        assertThat(bundle(byName + "&date=ge2026-03-10&date=lt2026-03-12").getTotal())
                .isEqualTo(2);
        assertThat(bundle(byName + "&date=le2026-03-10").getTotal()).isEqualTo(1);
        List<Date> newestFirst = bundle(byName + "&_sort=-date").getEntry().stream()
                .map(e -> ((AuditEvent) e.getResource()).getRecorded())
                .toList();
        assertThat(newestFirst).isSortedAccordingTo((a, b) -> b.compareTo(a)).hasSize(3);
        // String search: a case-insensitive prefix unless :exact.
        assertThat(bundle("/AuditEvent?entity-name=" + name.toUpperCase().substring(0, name.length() - 2))
                        .getTotal())
                .isEqualTo(3);
        assertThat(bundle(byName.replace(name, name.toUpperCase())).getTotal()).isZero();
    }

    @Test
    void readsOneEventByIdAndAnswers404ForNoneAndRefusesWhatItCannotSearch() throws Exception {
        String name = unique("read");
        store.append(List.of(event(name, Instant.now())));
        AuditEvent stored = (AuditEvent) bundle("/AuditEvent?entity-name:exact=" + name)
                .getEntryFirstRep()
                .getResource();
        var read = send(request("/AuditEvent/" + stored.getIdElement().getIdPart()));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains(name);
        assertThat(send(request("/AuditEvent/987654321")).statusCode()).isEqualTo(404);
        assertThat(send(request("/AuditEvent/not-a-number")).statusCode()).isEqualTo(404);

        for (String refused : List.of(
                "address=1.2.3.4", // a parameter this table does not index
                "entity=" + URLEncoder.encode("123", StandardCharsets.UTF_8), // untyped reference
                "patient.identifier=x", // chain
                "action:not=R", // modifier
                "_sort=action",
                "date=ne2026-01-01")) {
            var response = send(request("/AuditEvent?" + refused));
            assertThat(response.statusCode()).as(refused).isEqualTo(400);
            assertThat(FHIR.newJsonParser().parseResource(response.body()))
                    .as(refused)
                    .isInstanceOf(OperationOutcome.class);
        }
        // Only admins read the trail.
        assertThat(send(request("/AuditEvent?_count=1", Role.ANALYST)).statusCode())
                .isEqualTo(403);
    }

    @Test
    void copiesATrailStoredAsHapiResourcesOnceAndServesIt() {
        String name = unique("legacy");
        AuditEvent old = event(name, Instant.parse("2025-12-01T08:00:00Z"));
        String oldId = daos.getResourceDao(AuditEvent.class)
                .create(old, new SystemRequestDetails())
                .getId()
                .getIdPart();
        String byName = "/AuditEvent?entity-name:exact=" + name;
        assertThat(bundle(byName).getTotal()).isZero();

        assertThat(legacy.copy()).isGreaterThanOrEqualTo(1);
        Bundle copied = bundle(byName);
        assertThat(copied.getTotal()).isEqualTo(1);
        AuditEvent event = (AuditEvent) copied.getEntryFirstRep().getResource();
        assertThat(event.getRecorded()).isEqualTo(Date.from(Instant.parse("2025-12-01T08:00:00Z")));
        assertThat(event.getIdElement().getIdPart()).isNotEqualTo(oldId);

        assertThat(legacy.copy()).isZero(); // nothing left to copy
        assertThat(bundle(byName).getTotal()).isEqualTo(1);
    }

    /** The CapabilityStatement names exactly the parameters the search takes, and each of them is accepted. */
    @Test
    void theCapabilityStatementDescribesWhatTheTrailCanSearch() throws Exception {
        CapabilityStatement statement =
                fhir().capabilities().ofType(CapabilityStatement.class).execute();
        var auditEvent = statement.getRestFirstRep().getResource().stream()
                .filter(r -> "AuditEvent".equals(r.getType()))
                .findFirst()
                .orElseThrow();
        assertThat(auditEvent.getInteraction())
                .extracting(i -> i.getCode().toCode())
                .containsExactlyInAnyOrder("read", "search-type");
        assertThat(auditEvent.getSearchInclude()).isEmpty();
        for (var parameter : auditEvent.getSearchParam()) {
            String sample =
                    switch (parameter.getType()) {
                        case DATE -> "2026";
                        case REFERENCE -> "Patient/1";
                        default -> "x";
                    };
            var response = send(request("/AuditEvent?" + parameter.getName() + "=" + sample));
            assertThat(response.statusCode()).as(parameter.getName()).isEqualTo(200);
        }
        assertThat(auditEvent.getSearchParam())
                .extracting(p -> p.getName())
                .containsExactlyInAnyOrderElementsOf(AuditCapability.PARAMETERS.keySet());
    }

    private Bundle bundle(String url) {
        return fhir().search().byUrl(url).returnBundle(Bundle.class).execute();
    }

    private static AuditEvent event(String entityName, Instant recorded) {
        AuditEvent event = new AuditEvent();
        event.getType()
                .setSystem("http://terminology.hl7.org/CodeSystem/audit-event-type")
                .setCode("rest");
        event.setAction(AuditEventAction.R);
        event.setOutcome(AuditEventOutcome._0);
        event.setRecorded(Date.from(recorded));
        event.addAgent().setRequestor(true).setAltId("audit-store-it");
        event.getSource().getObserver().setDisplay("AuditStoreIT");
        event.addEntity().setName(entityName);
        return event;
    }
}
