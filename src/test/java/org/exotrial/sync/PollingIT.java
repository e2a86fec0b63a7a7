package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * A registry that pulls (docs/sync.md, "Poll with a cursor"): every poll runs afresh, and the pages of one poll are one
 * snapshot while writes go on. Patients carry a tag of their test, so a search sees only its own; a type history sees
 * every Patient written meanwhile, so its assertions are about the test's own versions.
 */
class PollingIT extends ServerIT {

    private static final String TAG_SYSTEM = "https://exotrial.org/fhir/test/polling";

    @Test
    void anIdenticalPollSeesWhatWasWrittenSinceTheLast() {
        String tag = unique("identical");
        String since = since();
        create(tag);
        String history = baseUrl() + "/Patient/_history?_since=" + since + "&_count=200";
        String search = searchUrl(tag, since);
        int historyBefore = countOwn(allPages(history), tag);
        int searchBefore = allPages(search).size();

        create(tag);

        assertThat(countOwn(allPages(history), tag)).isEqualTo(historyBefore + 1);
        assertThat(allPages(search)).hasSize(searchBefore + 1);
    }

    @Test
    void historyPagesAreOneSnapshotWhileWritesGoOn() {
        String tag = unique("history");
        String since = since();
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            existing.add(versioned(create(tag)));
        }
        Bundle page = fhir(Role.REGISTRY)
                .search()
                .byUrl(baseUrl() + "/Patient/_history?_since=" + since + "&_count=2")
                .returnBundle(Bundle.class)
                .execute();
        List<String> seen = new ArrayList<>(versionedIds(page));
        List<String> writtenMeanwhile = new ArrayList<>();
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            Patient created = create(tag);
            writtenMeanwhile.add(versioned(created));
            writtenMeanwhile.add(versioned(update(created)));
            page = fhir(Role.REGISTRY).loadPage().next(page).execute();
            seen.addAll(versionedIds(page));
        }

        assertThat(seen).as("no version twice").doesNotHaveDuplicates();
        assertThat(seen)
                .as("every version that existed when the first page was asked")
                .containsAll(existing);
        assertThat(seen).as("nothing written after the first page").doesNotContainAnyElementsOf(writtenMeanwhile);
        // ... which the next poll, from the last update time seen minus a margin, picks up.
        List<String> next = versionedIds(allPages(baseUrl() + "/Patient/_history?_since=" + since + "&_count=200"));
        assertThat(next).containsAll(writtenMeanwhile);
    }

    /**
     * Why {@link HistorySnapshot} exists: a client that bounds the history itself with an open {@code _at} range gets
     * HAPI's own paging, by offset over the newest first, and a write between two pages repeats an entry.
     */
    @Test
    void hapisOwnOpenEndedHistoryRepeatsAnEntryWhenWritesGoOn() {
        String tag = unique("open");
        String since = since();
        for (int i = 0; i < 3; i++) {
            create(tag);
        }
        Bundle first = fhir(Role.REGISTRY)
                .search()
                .byUrl(baseUrl() + "/Patient/_history?_at=ge" + since + "&_count=2")
                .returnBundle(Bundle.class)
                .execute();
        create(tag);
        Bundle second = fhir(Role.REGISTRY).loadPage().next(first).execute();

        assertThat(versionedIds(second)).containsAnyElementsOf(versionedIds(first));
    }

    @Test
    void lastUpdatedSearchPagesAreOneSnapshotWhileWritesGoOn() {
        String tag = unique("search");
        String since = since();
        List<String> existing = new ArrayList<>();
        List<Patient> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create(tag));
            existing.add(created.get(i).getIdElement().getIdPart());
        }
        Bundle page = fhir(Role.REGISTRY)
                .search()
                .byUrl(searchUrl(tag, since) + "&_count=2")
                .returnBundle(Bundle.class)
                .execute();
        List<String> seen = new ArrayList<>(ids(page));
        int written = 0;
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            create(tag);
            update(created.get(written++));
            page = fhir(Role.REGISTRY).loadPage().next(page).execute();
            seen.addAll(ids(page));
        }

        assertThat(seen)
                .as("each resource once, in the order of the first page's snapshot")
                .isEqualTo(existing);
        assertThat(allPages(searchUrl(tag, since))).hasSize(existing.size() + written);
    }

    /** A moment before this test's writes, as a registry's cursor would be (millisecond precision). */
    private static String since() {
        return Instant.now().minusMillis(1).toString();
    }

    private static String searchUrl(String tag, String since) {
        return "Patient?_tag=" + TAG_SYSTEM + "%7C" + tag + "&_lastUpdated=ge"
                + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&_sort=_lastUpdated";
    }

    private Patient create(String tag) {
        Patient patient = new Patient();
        patient.getMeta().addTag(TAG_SYSTEM, tag, null);
        patient.addIdentifier().setSystem(MRN).setValue(unique("poll"));
        return (Patient) fhir().create().resource(patient).execute().getResource();
    }

    private Patient update(Patient patient) {
        Patient changed = patient.copy();
        changed.setIdElement(patient.getIdElement().toUnqualifiedVersionless());
        changed.addName().setFamily("Polled");
        return (Patient) fhir().update().resource(changed).execute().getResource();
    }

    private List<Resource> allPages(String url) {
        Bundle page = fhir(Role.REGISTRY)
                .search()
                .byUrl(url)
                .returnBundle(Bundle.class)
                .execute();
        List<Resource> all = new ArrayList<>(resources(page));
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            page = fhir(Role.REGISTRY).loadPage().next(page).execute();
            all.addAll(resources(page));
        }
        return all;
    }

    private static int countOwn(List<Resource> resources, String tag) {
        return (int) resources.stream()
                .filter(r -> r.getMeta().getTag(TAG_SYSTEM, tag) != null)
                .count();
    }

    private static List<Resource> resources(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
    }

    private static List<String> ids(Bundle bundle) {
        return ids(resources(bundle));
    }

    private static List<String> ids(List<Resource> resources) {
        return resources.stream().map(r -> r.getIdElement().getIdPart()).toList();
    }

    private static List<String> versionedIds(Bundle bundle) {
        return versionedIds(resources(bundle));
    }

    private static List<String> versionedIds(List<Resource> resources) {
        return resources.stream().map(PollingIT::versioned).toList();
    }

    private static String versioned(Resource resource) {
        return resource.getIdElement().getIdPart() + "/"
                + resource.getIdElement().getVersionIdPart();
    }
}
