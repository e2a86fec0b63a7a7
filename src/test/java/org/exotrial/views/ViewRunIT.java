package org.exotrial.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/**
 * {@code $viewdefinition-run} over HTTP against the shared server and its demo data. Every figure is checked against
 * what a FHIR search by the same client returns.
 */
class ViewRunIT extends ServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "/$viewdefinition-run";
    private static final String CONTRACT_RUN = "/ViewDefinition/$viewdefinition-run";

    @Test
    void patientViewHasOneRowPerPatientTheSearchFinds() throws Exception {
        int total = total("Patient", Role.ANALYST);
        assertThat(total).isGreaterThan(DEMO_COHORT_SIZE - 1);

        HttpResponse<String> ndjson = run(RUN, "", Role.ANALYST, view("patients.json"));
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> rows = ndjsonRows(ndjson.body());
        assertThat(rows).hasSize(total);
        assertThat(rows.get(0).fieldNames()).toIterable().containsExactly("id", "gender", "birth_date");

        HttpResponse<String> csv = run(RUN, "?_format=csv", Role.ANALYST, view("patients.json"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,gender,birth_date");
        assertThat(lines).hasSize(total + 1);

        HttpResponse<String> noHeader = run(RUN, "?_format=text/csv&header=false", Role.ANALYST, view("patients.json"));
        assertThat(noHeader.body().lines()).hasSize(total);

        HttpResponse<String> json = run(RUN, "?_format=application/json", Role.ANALYST, view("patients.json"));
        assertThat(JSON.readTree(json.body()).size()).isEqualTo(total);
        // The rows' ids are exactly the patients' ids.
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).isEqualTo(searchIds("Patient", Role.ANALYST));
    }

    /**
     * More resources of a type than the largest page: a server read without database-backed paging stopped there (139
     * of 336 cytokine results on the demo data).
     */
    @Test
    void aViewReadsEveryResourceOfItsTypeBeyondTheLargestPage() throws Exception {
        String patient = fhir().create()
                .resource(new org.hl7.fhir.r4.model.Patient().setActive(true))
                .execute()
                .getId()
                .getIdPart();
        Bundle many = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 210; i++) {
            org.hl7.fhir.r4.model.Observation observation = new org.hl7.fhir.r4.model.Observation();
            observation.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
            observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
            observation.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patient));
            many.addEntry()
                    .setResource(observation)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");
        }
        fhir().transaction().withBundle(many).execute();
        int total = total("Observation", Role.ANALYST);
        assertThat(total).isGreaterThan(210);

        HttpResponse<String> ndjson = run(RUN, "", Role.ANALYST, view("observations.json"));
        assertThat(ndjson.statusCode()).as(ndjson.body()).isEqualTo(200);
        assertThat(ndjsonRows(ndjson.body())).hasSize(total);
    }

    /** The README's command: a shipped view by GET at instance level, one CSV row per cytokine result. */
    @Test
    void theShippedCytokinesViewHasARowPerCytokineResult() throws Exception {
        int results = total(
                "Observation?code=http://loinc.org|26881-3,http://loinc.org|49732-1,http://loinc.org|3074-2,"
                        + "https://exotrial.org/fhir/CodeSystem/exotrial-observation|tnf-alpha-peritoneal",
                Role.ANALYST);
        assertThat(results).isPositive();

        HttpResponse<String> csv =
                send(request("/ViewDefinition/exotrial-cytokines/$viewdefinition-run?_format=csv", Role.ANALYST)
                        .GET());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("observation_id,patient_id,study_id,analyte,specimen");
        assertThat(lines).hasSize(results + 1);
    }

    @Test
    void theContractsPathRunsTheSameView() throws Exception {
        HttpResponse<String> system = run(RUN, "?_format=csv", Role.ANALYST, view("patients.json"));
        HttpResponse<String> contract = run(CONTRACT_RUN, "?_format=csv", Role.ANALYST, view("patients.json"));
        assertThat(contract.statusCode()).as(contract.body()).isEqualTo(200);
        assertThat(sortedLines(contract.body())).isEqualTo(sortedLines(system.body()));
    }

    @Test
    void formatAndLimitMayComeInTheParametersBody() throws Exception {
        String body = parameters(
                view("patients.json"),
                "{\"name\":\"_format\",\"valueCode\":\"csv\"}",
                "{\"name\":\"_limit\",\"valueInteger\":2}");
        HttpResponse<String> limited = send(request(CONTRACT_RUN, Role.ANALYST)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(200);
        assertThat(limited.body().lines()).hasSize(3); // header and two rows
    }

    @Test
    void patientLimitsTheRowsToThatPatientsResources() throws Exception {
        String patient = demoId(demoParticipant(LAR_TRIAL, "Placebo", 0), "patient");
        int total = total("Observation?patient=Patient/" + patient, Role.ANALYST);
        assertThat(total).isPositive();

        HttpResponse<String> response =
                run(RUN, "?patient=Patient/" + patient, Role.ANALYST, view("observations.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = ndjsonRows(response.body());
        assertThat(rows).hasSize(total);
        assertThat(rows)
                .allSatisfy(r -> assertThat(r.get("patient_id").asText()).isEqualTo(patient));
        Set<String> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).isEqualTo(searchIds("Observation?patient=Patient/" + patient, Role.ANALYST));
    }

    @Test
    void groupLimitsTheRowsToItsMemberPatients() throws Exception {
        String first = demoId(demoParticipant(LAR_TRIAL, "Placebo", 0), "patient");
        String second = demoId(demoParticipant(LAR_TRIAL, "Exosome", 0), "patient");
        org.hl7.fhir.r4.model.Group group = new org.hl7.fhir.r4.model.Group()
                .setType(org.hl7.fhir.r4.model.Group.GroupType.PERSON)
                .setActual(true);
        group.addMember().getEntity().setReference("Patient/" + first);
        group.addMember().getEntity().setReference("Patient/" + second);
        String groupId = fhir().create().resource(group).execute().getId().getIdPart();
        int total = total("Observation?patient=Patient/" + first, Role.ADMIN)
                + total("Observation?patient=Patient/" + second, Role.ADMIN);

        HttpResponse<String> response = run(RUN, "?group=" + groupId, Role.ADMIN, view("observations.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = ndjsonRows(response.body());
        assertThat(rows).hasSize(total);
        assertThat(rows)
                .allSatisfy(r -> assertThat(r.get("patient_id").asText()).isIn(first, second));

        HttpResponse<String> unknown = run(RUN, "?group=no-such-group", Role.ADMIN, view("observations.json"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        // The analyst reads Groups (each study's, for export), so may select by one.
        HttpResponse<String> analyst = run(RUN, "?group=" + groupId, Role.ANALYST, view("observations.json"));
        assertThat(analyst.statusCode()).as(analyst.body()).isEqualTo(200);
        assertThat(ndjsonRows(analyst.body())).hasSize(total);
    }

    @Test
    void aRunShowsWhatWasWrittenSinceTheLastRun() throws Exception {
        int before = ndjsonRows(
                        run(RUN, "", Role.ANALYST, view("patients.json")).body())
                .size();
        String id = fhir().create()
                .resource(new Patient()
                        .addIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(MRN)
                                .setValue(unique("VIEWRUN"))))
                .execute()
                .getId()
                .getIdPart();
        List<JsonNode> after =
                ndjsonRows(run(RUN, "", Role.ANALYST, view("patients.json")).body());
        assertThat(after).hasSize(before + 1);
        assertThat(after).anySatisfy(r -> assertThat(r.get("id").asText()).isEqualTo(id));
    }

    @Test
    void sinceKeepsOnlyWhatChangedSince() throws Exception {
        Patient created = (Patient) fhir().create()
                .resource(new Patient()
                        .addIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(MRN)
                                .setValue(unique("VIEWRUN")))
                        .setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.OTHER))
                .execute()
                .getResource();
        String since = created.getMeta().getLastUpdatedElement().getValueAsString();
        String encoded = URLEncoder.encode(since, StandardCharsets.UTF_8);
        int total = total("Patient?_lastUpdated=ge" + encoded, Role.ANALYST);

        HttpResponse<String> response = run(RUN, "?_since=" + encoded, Role.ANALYST, view("patients.json"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> rows = ndjsonRows(response.body());
        assertThat(rows).hasSize(total).isNotEmpty();
        assertThat(rows).anySatisfy(r -> assertThat(r.get("id").asText())
                .isEqualTo(created.getIdElement().getIdPart()));
        assertThat(rows.size()).isLessThan(total("Patient", Role.ANALYST));
    }

    @Test
    void aCallerWithoutReadAndSearchOnTheViewsTypeIsRefused() throws Exception {
        String conditions =
                """
                {"resourceType":"ViewDefinition","resource":"Condition","status":"active",
                 "select":[{"column":[{"name":"id","path":"id"}]}]}""";
        HttpResponse<String> refused = run(RUN, "", Role.REGISTRY, conditions);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome").contains("Condition");
        // The same client's search of the type is refused too.
        assertThat(send(request("/Condition", Role.REGISTRY).GET()).statusCode())
                .isEqualTo(403);
    }

    @Test
    void aBlindedAnalystGetsRedactedArmsAndNoAllocation() throws Exception {
        Map<String, String> arms = statisticianArms();
        assertThat(arms).isNotEmpty();

        HttpResponse<String> analyst = run(RUN, "?_format=csv", Role.ANALYST, view("lar-subjects.json"));
        assertThat(analyst.statusCode()).as(analyst.body()).isEqualTo(200);
        for (String marker : allocationMarkers()) {
            assertThat(analyst.body()).as("allocation string " + marker).doesNotContain(marker);
        }
        List<String> lines = analyst.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,patient_id,status,assigned_arm,actual_arm");
        assertThat(lines).hasSize(arms.size() + 1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertThat(cells[3]).as(line).isEqualTo("REDACTED");
        }

        HttpResponse<String> json = run(RUN, "?_format=json", Role.ANALYST, view("lar-subjects.json"));
        for (JsonNode row : JSON.readTree(json.body())) {
            assertThat(row.get("assigned_arm").asText()).isEqualTo("REDACTED");
        }

        // A column or a where that picks one arm reads the masked copy: it cannot tell the analyst's rows apart.
        String picksPlacebo = view("lar-subjects.json")
                .replace("\"path\": \"actualArm\"", "\"path\": \"assignedArm.where($this = 'Placebo')\"");
        HttpResponse<String> crafted = run(RUN, "?_format=json", Role.ANALYST, picksPlacebo);
        assertThat(crafted.statusCode()).as(crafted.body()).isEqualTo(200);
        assertThat(JSON.readTree(crafted.body()))
                .hasSize(arms.size())
                .allSatisfy(row -> assertThat(row.get("actual_arm").asText()).isEqualTo("REDACTED"));
        String wherePlacebo = view("lar-subjects.json")
                .replace("\"where\": [", "\"where\": [{\"path\": \"assignedArm = 'Placebo'\"},");
        assertThat(ndjsonRows(run(RUN, "", Role.ANALYST, wherePlacebo).body())).isEmpty();
        assertThat(ndjsonRows(run(RUN, "", Role.STATISTICIAN, wherePlacebo).body()))
                .hasSize((int) arms.values().stream().filter("Placebo"::equals).count())
                .isNotEmpty();

        HttpResponse<String> statistician = run(RUN, "", Role.STATISTICIAN, view("lar-subjects.json"));
        Map<String, String> shown = new TreeMap<>();
        ndjsonRows(statistician.body())
                .forEach(r ->
                        shown.put(r.get("id").asText(), r.get("assigned_arm").asText()));
        assertThat(shown).isEqualTo(arms);
        assertThat(shown.values()).doesNotContain("REDACTED");
    }

    @Test
    void everyRunIsInTheAuditTrail() throws Exception {
        HttpResponse<String> response = run(RUN, "?_format=csv", Role.ANALYST, view("patients.json"));
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        AuditEvent event = awaitAudit(requestId);
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(event.getAgent())
                .anySatisfy(agent ->
                        assertThat(agent.getWho().getIdentifier().getValue()).contains("analyst"));

        HttpResponse<String> refused =
                run(RUN, "", Role.REGISTRY, view("patients.json").replace("Patient", "Condition"));
        assertThat(refused.statusCode()).isEqualTo(403);
        AuditEvent failure =
                awaitAudit(refused.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(failure.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    }

    @Test
    void badRequestsAreAnsweredWithAnOperationOutcome() throws Exception {
        HttpResponse<String> invalid = run(
                RUN,
                "",
                Role.ANALYST,
                """
                {"resourceType":"ViewDefinition","resource":"Patient",
                 "select":[{"column":[{"name":"id","path":"id"},{"name":"id","path":"gender"}]}]}""");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("OperationOutcome").contains("Column name 'id' is used twice");

        HttpResponse<String> badPath = run(
                RUN,
                "",
                Role.ANALYST,
                """
                {"resourceType":"ViewDefinition","resource":"Patient",
                 "select":[{"column":[{"name":"id","path":"id..("}]}]}""");
        assertThat(badPath.statusCode()).isEqualTo(400);
        assertThat(badPath.body()).contains("is not valid FHIRPath");

        HttpResponse<String> unknownType = run(
                RUN,
                "",
                Role.ANALYST,
                """
                {"resourceType":"ViewDefinition","resource":"Nonsense",
                 "select":[{"column":[{"name":"id","path":"id"}]}]}""");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("Nonsense is not an R4 resource type");

        // Valid, but a resource breaks it: two given names in a column that is not a collection.
        String givenNames = parameters(
                """
                {"resourceType":"ViewDefinition","resource":"Patient",
                 "select":[{"column":[{"name":"given","path":"name.given"}]}]}""",
                "{\"name\":\"resource\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"two\","
                        + "\"name\":[{\"given\":[\"Ann\",\"Lee\"]}]}}");
        HttpResponse<String> broken = send(request(RUN, Role.ANALYST)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(givenNames)));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body())
                .contains("OperationOutcome")
                .contains("column given")
                .contains("Patient/two");

        HttpResponse<String> format = run(RUN, "?_format=xlsx", Role.ANALYST, view("patients.json"));
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(format.body()).contains("_format 'xlsx' is not supported");

        HttpResponse<String> noView = send(request(RUN, Role.ANALYST)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")));
        assertThat(noView.statusCode()).isEqualTo(400);
        assertThat(noView.body()).contains("No view");

        HttpResponse<String> unknownReference =
                send(request(RUN + "?viewReference=ViewDefinition/no-such-view", Role.ANALYST)
                        .GET());
        assertThat(unknownReference.statusCode()).isEqualTo(404);
        assertThat(unknownReference.body()).contains("OperationOutcome");

        HttpResponse<String> unknownInstance =
                send(request("/ViewDefinition/no-such-view/$viewdefinition-run", Role.ANALYST)
                        .GET());
        assertThat(unknownInstance.statusCode()).isEqualTo(404);

        HttpResponse<String> noToken = send(anonymousRequest(CONTRACT_RUN)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(parameters(view("patients.json")))));
        assertThat(noToken.statusCode()).isEqualTo(401);
    }

    @Test
    void inlineResourcesRunInsteadOfTheServersData() throws Exception {
        String body = parameters(
                view("patients.json"),
                "{\"name\":\"resource\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"inline1\",\"gender\":\"female\"}}",
                "{\"name\":\"resource\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"inline2\",\"birthDate\":\"1970-01-02\"}}");
        HttpResponse<String> response = send(request(RUN + "?_format=csv", Role.ANALYST)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body().lines())
                .containsExactly("id,gender,birth_date", "inline1,female,", "inline2,,1970-01-02");
    }

    /** The LAR trial's subjects and their assigned arms, as the unblinded statistician's search shows them. */
    private Map<String, String> statisticianArms() {
        Map<String, String> arms = new TreeMap<>();
        for (var entry : fhir(Role.STATISTICIAN)
                .search()
                .byUrl("ResearchSubject?study=" + LAR_TRIAL + "&_count=200")
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()) {
            ResearchSubject subject = (ResearchSubject) entry.getResource();
            arms.put(subject.getIdElement().getIdPart(), subject.getAssignedArm());
        }
        return arms;
    }

    /** The LAR trial's arm names, the strings a blinded analyst's rows must not carry. */
    private Set<String> allocationMarkers() {
        Set<String> markers = new HashSet<>(statisticianArms().values());
        ResearchStudy study = fhir(Role.STATISTICIAN)
                .read()
                .resource(ResearchStudy.class)
                .withId(LAR_TRIAL)
                .execute();
        study.getArm().forEach(arm -> markers.add(arm.getName()));
        markers.removeIf(m -> m == null || m.isBlank());
        assertThat(markers).isNotEmpty();
        return markers;
    }

    private AuditEvent awaitAudit(String requestId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (AuditEvent event :
                    auditEvents("AuditEvent?subtype=extended-operation-server&_sort=-date&_count=100")) {
                boolean match = event.getEntity().stream()
                        .anyMatch(e -> "XrequestId".equals(e.getType().getCode())
                                && requestId.equals(e.getWhat().getIdentifier().getValue()));
                if (match) {
                    return event;
                }
            }
            Thread.sleep(100);
        }
        return fail("no AuditEvent for $viewdefinition-run request " + requestId);
    }

    private HttpResponse<String> run(String path, String query, Role role, String view) throws Exception {
        return send(request(path + query, role)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(parameters(view))));
    }

    private static String parameters(String view, String... more) {
        StringBuilder body = new StringBuilder("{\"resourceType\":\"Parameters\",\"parameter\":[");
        body.append("{\"name\":\"viewResource\",\"resource\":").append(view).append('}');
        for (String p : more) {
            body.append(',').append(p);
        }
        return body.append("]}").toString();
    }

    private static String view(String file) {
        try (InputStream in = ViewRunIT.class.getResourceAsStream("/views/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int total(String search, Role role) {
        String url = search + (search.contains("?") ? "&" : "?") + "_summary=count";
        return fhir(role)
                .search()
                .byUrl(url)
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
    }

    private Set<String> searchIds(String search, Role role) {
        Set<String> ids = new HashSet<>();
        Bundle page = fhir(role)
                .search()
                .byUrl(search + (search.contains("?") ? "&" : "?") + "_elements=id&_count=200")
                .returnBundle(Bundle.class)
                .execute();
        while (true) {
            page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return ids;
            }
            page = fhir(role).loadPage().next(page).execute();
        }
    }

    private static List<JsonNode> ndjsonRows(String body) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.lines().toList()) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    private static List<String> sortedLines(String body) {
        return body.lines().sorted().toList();
    }
}
