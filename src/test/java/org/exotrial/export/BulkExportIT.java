package org.exotrial.export;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.bulk.export.api.IBulkDataExportJobSchedulingHelper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.support.ArmMarkers;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bulk Data Access over HTTP (docs/export.md): kick-off, poll, manifest, download and cancel; what an export holds
 * compared with what searches find; who may export, poll and download; blinding of the files; the audit trail.
 */
class BulkExportIT extends ServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static boolean manyStored;

    @Autowired
    private JpaStorageSettings storageSettings;

    @Autowired
    private IBulkDataExportJobSchedulingHelper purge;

    /** A finished export: its manifest and each file's resources, by type. */
    record Export(JsonNode manifest, Map<String, List<String>> lines) {

        List<Resource> resources(String type) {
            return lines.getOrDefault(type, List.of()).stream()
                    .map(line -> (Resource) FHIR.newJsonParser().parseResource(line))
                    .toList();
        }

        String allText() {
            return lines.values().stream().flatMap(List::stream).collect(Collectors.joining("\n"));
        }
    }

    /**
     * More Observations than a synchronous search returns at once (the fetch size maximum, 200): HAPI's export loads
     * each file with one, so a type with more resources than that once lost the rest.
     */
    @BeforeEach
    void moreObservationsThanOneSearchReturns() {
        if (manyStored) {
            return;
        }
        String patient = createPatient("EXPORT-MANY");
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 230; i++) {
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
            observation.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patient));
            tx.addEntry()
                    .setResource(observation)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");
        }
        fhir().transaction().withBundle(tx).execute();
        manyStored = true;
    }

    @Test
    void aFullSystemExportHoldsWhatTheServerHoldsResourceForResource() throws Exception {
        Export export = export("/$export", Role.ADMIN);
        assertThat(export.manifest().get("requiresAccessToken").asBoolean()).isTrue();
        assertThat(export.manifest().get("request").asText()).endsWith("/$export");
        assertThat(export.lines()).containsKeys("Patient", "ResearchSubject", "ResearchStudy", "Observation", "Group");
        assertThat(export.lines()).doesNotContainKeys("Binary", "AuditEvent");

        Set<String> types = new TreeSet<>(FHIR.getResourceTypes());
        types.removeAll(Set.of("Binary", "AuditEvent"));
        int compared = 0;
        for (String type : types) {
            Set<String> stored = storedVersions(type);
            Set<String> exported = export.resources(type).stream()
                    .map(r -> type + "/" + r.getIdElement().getIdPart() + "/_history/"
                            + r.getMeta().getVersionId())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(exported).as(type).isEqualTo(stored);
            compared += stored.size();
        }
        assertThat(compared).isGreaterThan(300);
        assertThat(export.resources("Observation")).hasSizeGreaterThan(230);
    }

    @Test
    void sinceExportsOnlyWhatChangedAfterIt() throws Exception {
        String before = createPatient("EXPORT-BEFORE");
        Thread.sleep(1500);
        Instant since = Instant.now();
        Thread.sleep(500);
        String after = createPatient("EXPORT-AFTER");

        Export export = export("/$export?_type=Patient&_since=" + since, Role.ADMIN);
        List<Resource> patients = export.resources("Patient");
        assertThat(patients)
                .extracting(r -> r.getIdElement().getIdPart())
                .contains(after)
                .doesNotContain(before);
        assertThat(patients)
                .allMatch(r -> !r.getMeta().getLastUpdated().toInstant().isBefore(since));
    }

    @Test
    void typeFilterExportsWhatItsSearchFinds() throws Exception {
        Observation some = (Observation) fhir().search()
                .byUrl("Observation?_count=1")
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource();
        String code = some.getCode().getCodingFirstRep().getSystem() + "|"
                + some.getCode().getCodingFirstRep().getCode();
        Set<String> found = ids(searchAll("Observation?code=" + code));

        Export export =
                export("/$export?_type=Observation&_typeFilter=" + encode("Observation?code=" + code), Role.ADMIN);
        Set<String> exported = export.resources("Observation").stream()
                .map(r -> r.getIdElement().getIdPart())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).isEqualTo(found).isNotEmpty();
        assertThat(exported.size()).isLessThan(ids(searchAll("Observation")).size());
    }

    @Test
    void aStudysGroupExportsExactlyItsParticipants() throws Exception {
        Set<String> participants = searchAll("ResearchSubject?study=" + LAR_TRIAL).stream()
                .map(r -> ((ResearchSubject) r)
                        .getIndividual()
                        .getReferenceElement()
                        .getIdPart())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(participants).isNotEmpty();

        Export export = export("/Group/study-lar-exosome-trial/$export?_type=Patient,ResearchSubject", Role.ANALYST);
        assertThat(export.resources("Patient"))
                .extracting(r -> r.getIdElement().getIdPart())
                .containsExactlyInAnyOrderElementsOf(participants);
        assertThat(export.resources("ResearchSubject"))
                .isNotEmpty()
                .allMatch(r -> ((ResearchSubject) r).getStudy().getReference().equals(LAR_TRIAL));

        var group = FHIR.newJsonParser()
                .parseResource(
                        org.hl7.fhir.r4.model.Group.class,
                        send(request("/Group/study-lar-exosome-trial", Role.REGISTRY))
                                .body());
        assertThat(group.getIdentifierFirstRep().getValue()).isEqualTo("lar-exosome-trial");
        assertThat(group.getActual()).isTrue();
        assertThat(FHIR.newJsonParser().encodeResourceToString(group)).doesNotContain("Placebo", "Exosome\"");

        // The Group is in each member's compartment; a member's $everything must not lead to the other members.
        String member = participants.iterator().next();
        Bundle everything = fhir().operation()
                .onInstance(new org.hl7.fhir.r4.model.IdType("Patient", member))
                .named("$everything")
                .withParameter(
                        org.hl7.fhir.r4.model.Parameters.class, "_count", new org.hl7.fhir.r4.model.IntegerType(200))
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        assertThat(everything.getEntry())
                .filteredOn(e -> e.getResource() instanceof Patient)
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(member);
    }

    @Test
    void aBlindedAnalystsFilesCarryNoAllocationOfTheMaskedTrial() throws Exception {
        Set<String> markers = ArmMarkers.of(fhir(Role.STATISTICIAN), LAR_TRIAL);
        Set<String> larPatients = searchAll("ResearchSubject?study=" + LAR_TRIAL).stream()
                .map(r -> ((ResearchSubject) r).getIndividual().getReference())
                .collect(Collectors.toSet());

        String analyst = maskedTrialLines(export("/$export", Role.ANALYST), larPatients);
        String statistician = maskedTrialLines(export("/$export", Role.STATISTICIAN), larPatients);

        assertThat(analyst).contains("lar-exosome-trial", "REDACTED");
        for (String marker : markers) {
            assertThat(analyst).as(marker).doesNotContain(marker);
        }
        // The markers are real: the unblinded statistician's files carry the arms.
        assertThat(statistician).contains("assignedArm", "\"Placebo\"", "\"Exosome\"", "exotrial-lot-number");
    }

    @Test
    void onlyTheClientThatAskedPollsAndDownloads() throws Exception {
        HttpResponse<String> kickOff = kickOff("/$export?_type=Patient", Role.ANALYST);
        String poll = kickOff.headers().firstValue("Content-Location").orElseThrow();
        String pollPath = poll.substring(baseUrl().length());

        assertThat(send(request(pollPath, Role.STATISTICIAN)).statusCode()).isEqualTo(404);
        assertThat(send(request(pollPath, Role.ADMIN).DELETE()).statusCode()).isEqualTo(404);

        JsonNode manifest = awaitManifest(poll, Role.ANALYST);
        String file = manifest.get("output").get(0).get("url").asText();
        assertThat(download(file, Role.ANALYST).statusCode()).isEqualTo(200);
        for (Role other : List.of(Role.STATISTICIAN, Role.ADMIN, Role.REGISTRY)) {
            HttpResponse<String> refused = download(file, other);
            assertThat(refused.statusCode()).as(other.claim()).isIn(403, 404);
            assertThat(refused.body()).contains("OperationOutcome").doesNotContain("\"Patient\"");
        }
    }

    @Test
    void filesAreRemovedAfterTheRetentionPeriod() throws Exception {
        // The typed setting reaches HAPI (default PT2H), and HAPI's reuse of another client's identical job is off.
        assertThat(storageSettings.getBulkExportFileRetentionPeriodHours()).isEqualTo(2);
        assertThat(storageSettings.getEnableBulkExportJobReuse()).isFalse();

        HttpResponse<String> kickOff = kickOff("/$export?_type=Patient", Role.ANALYST);
        String poll = kickOff.headers().firstValue("Content-Location").orElseThrow();
        String file = awaitManifest(poll, Role.ANALYST)
                .get("output")
                .get(0)
                .get("url")
                .asText();
        assertThat(download(file, Role.ANALYST).statusCode()).isEqualTo(200);

        // HAPI's hourly purge, run now as if the retention period had passed: the job and its files are gone.
        int retention = storageSettings.getBulkExportFileRetentionPeriodHours();
        storageSettings.setBulkExportFileRetentionPeriodHours(0);
        try {
            Thread.sleep(1000);
            purge.purgeExpiredFiles();
        } finally {
            storageSettings.setBulkExportFileRetentionPeriodHours(retention);
        }
        HttpResponse<String> gone = download(file, Role.ANALYST);
        assertThat(gone.statusCode()).as(gone.body()).isIn(404, 410);
        assertOutcome(send(pollRequest(poll, Role.ANALYST)), 404);
    }

    @Test
    void cancellingAJobStopsIt() throws Exception {
        HttpResponse<String> kickOff = kickOff("/$export", Role.ADMIN);
        String poll = kickOff.headers().firstValue("Content-Location").orElseThrow();
        HttpResponse<String> cancelled = send(pollRequest(poll, Role.ADMIN).DELETE());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(202);
        HttpResponse<String> after = send(pollRequest(poll, Role.ADMIN));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(404);
        assertThat(after.body()).contains("OperationOutcome");
    }

    @Test
    void whoMayExportAndWhatIsRefused() throws Exception {
        assertOutcome(kickOff("/$export", Role.EHR), 403);
        assertOutcome(kickOff("/Patient/$export", Role.EHR), 403);
        assertOutcome(kickOff("/$export?_type=Condition", Role.REGISTRY), 403);
        assertOutcome(
                kickOff(
                        "/$export?_type=ResearchSubject&_typeFilter=" + encode("ResearchSubject?arm=Placebo"),
                        Role.ANALYST),
                403);
        assertOutcome(kickOff("/$export?_type=NotAType", Role.ADMIN), 400);
        assertOutcome(kickOff("/$export?_since=yesterday", Role.ADMIN), 400);
        assertOutcome(kickOff("/$export?_outputFormat=text%2Fcsv", Role.ADMIN), 400);
        assertOutcome(send(request("/$export-poll-status", Role.ADMIN)), 400);
        assertOutcome(send(request("/$export-poll-status", Role.ADMIN).DELETE()), 400);
        assertOutcome(send(request("/$export-poll-status?_jobId=no-such-job", Role.ADMIN)), 404);
        assertOutcome(send(request("/$export-poll-status", Role.EHR)), 403);
        assertOutcome(
                send(request("/$export-poll-status", Role.ADMIN)
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}"))),
                400);
        assertOutcome(kickOff("/Group/no-such-group/$export", Role.ADMIN), 404);
        assertOutcome(send(request("/$export", Role.ADMIN).header("Accept", "application/fhir+json")), 400);

        // Patient level: the Patient compartment of every patient, here the patients and their subjects.
        Export patients = export("/Patient/$export?_type=Patient,ResearchSubject", Role.STATISTICIAN);
        assertThat(ids(patients.resources("Patient"))).isEqualTo(ids(searchAll("Patient")));
        assertThat(ids(patients.resources("ResearchSubject"))).isEqualTo(ids(searchAll("ResearchSubject")));

        // The short form of the output format, and a registry's study export of the types it reads.
        assertThat(kickOff("/$export?_type=Patient&_outputFormat=ndjson", Role.ANALYST)
                        .statusCode())
                .isEqualTo(202);
        Export registry = export("/Group/study-secretome-route-study/$export", Role.REGISTRY);
        assertThat(registry.lines()).containsKey("Patient").doesNotContainKeys("Condition", "Specimen");
    }

    @Test
    void theCapabilityStatementListsTheExportOperations() {
        CapabilityStatement statement =
                anonymousFhir().capabilities().ofType(CapabilityStatement.class).execute();
        String json = FHIR.newJsonParser().encodeResourceToString(statement);
        assertThat(json).contains("\"export\"", "export-poll-status");
    }

    @Test
    void kickOffAndDownloadAreInTheAuditTrail() throws Exception {
        Instant start = Instant.now().minusSeconds(5);
        // HAPI's manual responses carry no X-Request-ID: the client names its requests, as HAPI allows.
        String requestId = requestId();
        HttpResponse<String> kickOff = send(request("/$export?_type=Patient", Role.ANALYST)
                .header("Prefer", "respond-async")
                .header("X-Request-ID", requestId));
        assertThat(kickOff.statusCode()).isEqualTo(202);
        JsonNode manifest =
                awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow(), Role.ANALYST);
        String downloadId = requestId();
        HttpResponse<String> file = send(HttpRequest.newBuilder(
                        URI.create(manifest.get("output").get(0).get("url").asText()))
                .header("Authorization", "Bearer " + token(Role.ANALYST))
                .header("X-Request-ID", downloadId));
        assertThat(file.statusCode()).isEqualTo(200);

        String client = DemoClients.clientId(Role.ANALYST);
        String poll = kickOff.headers().firstValue("Content-Location").orElseThrow();
        String jobId = poll.substring(poll.indexOf("_jobId=") + "_jobId=".length());
        for (String id : List.of(requestId, downloadId, jobId)) {
            List<AuditEvent> events = List.of();
            for (int i = 0; i < 40 && events.isEmpty(); i++) {
                events = auditEvents("AuditEvent?altid=" + client + "&date=ge" + start + "&_count=200").stream()
                        .filter(e -> e.getEntity().stream()
                                .anyMatch(en ->
                                        id.equals(en.getWhat().getIdentifier().getValue())))
                        .toList();
                if (events.isEmpty()) {
                    Thread.sleep(250);
                }
            }
            assertThat(events).as("audit of " + id).isNotEmpty();
            if (id.equals(jobId)) {
                assertThat(events.get(0).getType().getCode()).isEqualTo("110106"); // DICOM Export
                assertThat(new String(events.get(0).getEntityFirstRep().getQuery(), StandardCharsets.UTF_8))
                        .contains("$export");
            }
        }
    }

    @Test
    void aStudysGroupFollowsItsSubjects() throws Exception {
        ResearchSubject subject = (ResearchSubject)
                searchAll("ResearchSubject?study=" + SECRETOME_STUDY).get(0);
        String patient = createPatient("EXPORT-GROUP");
        subject.setId((String) null);
        subject.setMeta(null);
        subject.getIdentifierFirstRep().setValue(unique("export-group"));
        subject.setIndividual(new org.hl7.fhir.r4.model.Reference("Patient/" + patient));
        String created = fhir().create().resource(subject).execute().getId().getIdPart();

        awaitMember("Patient/" + patient, true);
        fhir().delete().resourceById("ResearchSubject", created).execute();
        awaitMember("Patient/" + patient, false);
    }

    // --- helpers

    private void awaitMember(String patient, boolean member) throws InterruptedException {
        boolean found = !member;
        for (int i = 0; i < 50 && found != member; i++) {
            Thread.sleep(200);
            org.hl7.fhir.r4.model.Group group = fhir().read()
                    .resource(org.hl7.fhir.r4.model.Group.class)
                    .withId("study-secretome-route-study")
                    .execute();
            found = group.getMember().stream()
                    .anyMatch(m -> m.getEntity().getReference().equals(patient));
        }
        assertThat(found)
                .as(patient + " a member of the secretome study's Group")
                .isEqualTo(member);
    }

    private static String requestId() {
        return java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private String maskedTrialLines(Export export, Set<String> larPatients) {
        List<String> lines = new ArrayList<>();
        export.lines().values().forEach(file -> file.stream()
                .filter(line -> line.contains("lar-exosome-trial")
                        || larPatients.stream()
                                .anyMatch(p -> line.contains("\"" + p + "\"")
                                        || line.contains("\"id\":\"" + p.substring(p.indexOf('/') + 1) + "\"")))
                .forEach(lines::add));
        assertThat(lines).hasSizeGreaterThan(larPatients.size());
        return String.join("\n", lines);
    }

    private Export export(String path, Role role) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> kickOff = kickOff(path, role);
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        JsonNode manifest =
                awaitManifest(kickOff.headers().firstValue("Content-Location").orElseThrow(), role);
        Map<String, List<String>> lines = new TreeMap<>();
        for (JsonNode output : manifest.get("output")) {
            HttpResponse<String> file = download(output.get("url").asText(), role);
            assertThat(file.statusCode()).as(file.body()).isEqualTo(200);
            for (String line : file.body().split("\n")) {
                if (!line.isBlank()) {
                    lines.computeIfAbsent(output.get("type").asText(), t -> new ArrayList<>())
                            .add(line);
                }
            }
        }
        System.out.printf(
                "BulkExportIT: %s as %s: %d resources in %d files, %d ms from kick-off to last download%n",
                path,
                role.claim(),
                lines.values().stream().mapToInt(List::size).sum(),
                manifest.get("output").size(),
                (System.nanoTime() - started) / 1_000_000);
        return new Export(manifest, lines);
    }

    private HttpResponse<String> kickOff(String path, Role role) throws Exception {
        return send(
                request(path, role).header("Accept", "application/fhir+json").header("Prefer", "respond-async"));
    }

    private HttpRequest.Builder pollRequest(String url, Role role) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token(role));
    }

    private JsonNode awaitManifest(String pollUrl, Role role) throws Exception {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> poll = send(pollRequest(pollUrl, role));
            if (poll.statusCode() == 200) {
                return JSON.readTree(poll.body());
            }
            assertThat(poll.statusCode()).as(poll.body()).isEqualTo(202);
            assertThat(poll.headers().firstValue("X-Progress")).isPresent();
            // HAPI's 120 s, replaced by the job interval (0.5 s here, so 1 s)
            assertThat(poll.headers().firstValue("Retry-After")).hasValue("1");
            Thread.sleep(300);
        }
        throw new AssertionError("export not finished within " + JOB_TIMEOUT + ": " + pollUrl);
    }

    private HttpResponse<String> download(String url, Role role) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token(role))
                .header("Accept", "application/fhir+ndjson"));
    }

    /** Every stored current version of the type, as {@code Type/id/_history/version}, from searches by the admin. */
    private Set<String> storedVersions(String type) {
        return searchAll(type).stream()
                .map(r -> type + "/" + r.getIdElement().getIdPart() + "/_history/"
                        + r.getMeta().getVersionId())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private List<Resource> searchAll(String query) {
        List<Resource> all = new ArrayList<>();
        Bundle page = fhir().search()
                .byUrl(query + (query.contains("?") ? "&" : "?") + "_count=200")
                .returnBundle(Bundle.class)
                .execute();
        while (true) {
            page.getEntry().forEach(e -> all.add(e.getResource()));
            if (page.getLink("next") == null) {
                return all;
            }
            page = fhir().loadPage().next(page).execute();
        }
    }

    private static Set<String> ids(List<Resource> resources) {
        return resources.stream().map(r -> r.getIdElement().getIdPart()).collect(Collectors.toCollection(TreeSet::new));
    }

    private String createPatient(String prefix) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(unique(prefix));
        return fhir().create().resource(patient).execute().getId().getIdPart();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void assertOutcome(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("OperationOutcome");
    }
}
