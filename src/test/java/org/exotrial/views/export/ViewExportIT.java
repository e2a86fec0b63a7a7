package org.exotrial.views.export;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shipped views, listed as Library resources, and {@code $viewdefinition-export} end to end over HTTP: kick-off,
 * polling, manifest, download, cancel, ownership, blinding, bad input. Expected figures come from FHIR searches.
 */
class ViewExportIT extends ServerIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VIEW = "https://exotrial.org/fhir/ViewDefinition/";
    static final String CYTOKINE_CODES = "http://loinc.org|26881-3,http://loinc.org|49732-1,http://loinc.org|3074-2,"
            + "https://exotrial.org/fhir/CodeSystem/exotrial-observation|tnf-alpha-peritoneal";

    @Test
    void analystsListTheShippedViewsWithOneRequest() throws Exception {
        Bundle listed = fhir(Role.ANALYST)
                .search()
                .byUrl("Library?type=https://exotrial.org/fhir/CodeSystem/exotrial-library-type|view-definition")
                .returnBundle(Bundle.class)
                .execute();
        List<String> urls = listed.getEntry().stream()
                .map(e -> ((Library) e.getResource()).getUrl())
                .toList();
        assertThat(urls)
                .contains(
                        VIEW + "exotrial-subjects",
                        VIEW + "exotrial-cytokines",
                        VIEW + "exotrial-outcomes-leak",
                        VIEW + "exotrial-outcomes-colonoscopy",
                        VIEW + "exotrial-outcomes-stay",
                        VIEW + "exotrial-fistula-scores");
        Library cytokines = fhir(Role.ANALYST)
                .read()
                .resource(Library.class)
                .withId("exotrial-cytokines")
                .execute();
        JsonNode view = JSON.readTree(cytokines.getContentFirstRep().getData());
        assertThat(cytokines.getContentFirstRep().getContentType()).isEqualTo("application/json");
        assertThat(view.path("resourceType").asText()).isEqualTo("ViewDefinition");
        assertThat(view.path("url").asText()).isEqualTo(VIEW + "exotrial-cytokines");
    }

    @Test
    void csvExportOfCytokinesAndSubjectsMatchesTheSearches() throws Exception {
        String status = kickOff(
                Role.STATISTICIAN,
                parameters(
                        "csv",
                        List.of(),
                        view("exotrial-cytokines", null),
                        view("ViewDefinition/exotrial-subjects", "subjects")));
        JsonNode manifest = awaitManifest(status, Role.STATISTICIAN);
        Map<String, String> outputs = outputs(manifest);
        assertThat(outputs.keySet()).containsExactlyInAnyOrder("exotrial_cytokines.csv", "subjects.csv");

        List<String> cytokines = lines(download(outputs.get("exotrial_cytokines.csv"), Role.STATISTICIAN));
        assertThat(cytokines.get(0))
                .isEqualTo("observation_id,patient_id,study_id,analyte,specimen,code,postoperative_day,value,unit,"
                        + "effective");
        assertThat(cytokines).hasSize(1 + total("Observation?code=" + CYTOKINE_CODES));

        // One result checked cell by cell against its FHIR read.
        Observation il6 = fhir(Role.STATISTICIAN)
                .search()
                .byUrl("Observation?code=http://loinc.org|49732-1&_count=1")
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Observation) e.getResource())
                .findFirst()
                .orElseThrow();
        String row = cytokines.stream()
                .filter(l -> l.startsWith(il6.getIdElement().getIdPart() + ","))
                .findFirst()
                .orElseThrow();
        Quantity value = il6.getValueQuantity();
        assertThat(row.split(",", -1))
                .containsExactly(
                        il6.getIdElement().getIdPart(),
                        il6.getSubject().getReferenceElement().getIdPart(),
                        "lar-exosome-trial",
                        "IL-6",
                        "peritoneal",
                        "49732-1",
                        il6.getExtensionByUrl(
                                        "https://exotrial.org/fhir/StructureDefinition/exotrial-postoperative-day")
                                .getValue()
                                .primitiveValue(),
                        value.getValue().toPlainString(),
                        "pg/mL",
                        il6.getEffectiveDateTimeType().getValueAsString());

        List<String> subjects = lines(download(outputs.get("subjects.csv"), Role.STATISTICIAN));
        assertThat(subjects.get(0))
                .isEqualTo("subject_id,patient_id,study_id,subject_number,assigned_arm,actual_arm,enrolment_date,"
                        + "status,status_date");
        assertThat(subjects).hasSize(1 + total("ResearchSubject"));
    }

    @Test
    void parquetOfTheMaskedTrialCarriesNoArmForTheAnalystAndArmsForTheStatistician() throws Exception {
        List<ResearchSubject> lar = fhir(Role.STATISTICIAN)
                .search()
                .byUrl("ResearchSubject?study=" + LAR_TRIAL + "&_count=200")
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (ResearchSubject) e.getResource())
                .toList();
        assertThat(lar).isNotEmpty();
        List<String> patients = lar.stream()
                .map(s -> "Patient/" + s.getIndividual().getReferenceElement().getIdPart())
                .distinct()
                .toList();
        Set<String> arms = new TreeSet<>();
        lar.forEach(s -> arms.add(s.getAssignedArm()));
        assertThat(arms).hasSizeGreaterThan(1);

        for (String format : List.of("parquet", "csv")) {
            String analyst = kickOff(
                    Role.ANALYST,
                    parameters(
                            format,
                            patients,
                            view("exotrial-subjects", null),
                            view("exotrial-cytokines", null),
                            view("exotrial-outcomes-leak", null)));
            Map<String, String> files = outputs(awaitManifest(analyst, Role.ANALYST));
            assertThat(files).hasSize(3);
            for (String url : files.values()) {
                String content = new String(download(url, Role.ANALYST), StandardCharsets.ISO_8859_1);
                for (String arm : arms) {
                    assertThat(content).as(format + " " + url).doesNotContain(arm);
                }
            }
            String statistician =
                    kickOff(Role.STATISTICIAN, parameters(format, patients, view("exotrial-subjects", null)));
            String seen = new String(
                    download(
                            outputs(awaitManifest(statistician, Role.STATISTICIAN))
                                    .get("exotrial_subjects." + format),
                            Role.STATISTICIAN),
                    StandardCharsets.ISO_8859_1);
            assertThat(arms).allSatisfy(arm -> assertThat(seen).contains(arm));

            if (format.equals("parquet")) {
                Path file = Files.createTempFile("subjects", ".parquet");
                Files.write(file, download(files.get("exotrial_subjects.parquet"), Role.ANALYST));
                ParquetRows rows = ParquetRows.read(file);
                assertThat(rows.columns)
                        .containsExactly(
                                "subject_id",
                                "patient_id",
                                "study_id",
                                "subject_number",
                                "assigned_arm",
                                "actual_arm",
                                "enrolment_date",
                                "status",
                                "status_date");
                assertThat(rows.rows).hasSize(lar.size());
                assertThat(rows.rows).allSatisfy(r -> {
                    assertThat(r.get("study_id")).isEqualTo("lar-exosome-trial");
                    assertThat(r.get("assigned_arm")).isEqualTo("REDACTED");
                    assertThat(r.get("actual_arm")).isEqualTo("REDACTED");
                });
                Files.delete(file);
            }
        }
    }

    @Test
    void anInlineViewOfTheMaskedTrialsAdministrationsCarriesNoProductDoseOrLotForTheAnalyst() throws Exception {
        List<Procedure> administrations = fhir(Role.STATISTICIAN)
                .search()
                .byUrl("Procedure?code=https://exotrial.org/fhir/CodeSystem/exotrial-procedure%7Cmsc-administration"
                        + "&trial-study=" + LAR_TRIAL + "&_count=200")
                .returnBundle(Bundle.class)
                .execute()
                .getEntry()
                .stream()
                .map(e -> (Procedure) e.getResource())
                .toList();
        assertThat(administrations).isNotEmpty();
        Set<String> markers =
                new TreeSet<>(List.of("exotrial-msc-product-type", "exotrial-particle-dose", "exotrial-lot-number"));
        for (Procedure administration : administrations) {
            for (Extension extension : administration.getExtension()) {
                if (extension.getUrl().endsWith("lot-number")) {
                    markers.add(extension.getValue().primitiveValue());
                }
                if (extension.getUrl().endsWith("product-type")) {
                    markers.add(((CodeableConcept) extension.getValue())
                            .getCodingFirstRep()
                            .getCode());
                }
                if (extension.getUrl().endsWith("particle-dose")) {
                    markers.add(((Quantity) extension.getValue()).getValue().toPlainString());
                }
            }
        }
        markers.removeIf(m -> m.length() < 4); // a short number could be part of an id
        List<String> patients = administrations.stream()
                .map(p -> "Patient/" + p.getSubject().getReferenceElement().getIdPart())
                .distinct()
                .toList();
        Map<String, Object> view = Map.of(
                "resourceType", "ViewDefinition",
                "name", "administrations",
                "status", "active",
                "resource", "Procedure",
                "where", List.of(Map.of("path", "code.coding.where(code='msc-administration').exists()")),
                "select",
                        List.of(Map.of(
                                "column",
                                List.of(
                                        Map.of("name", "id", "path", "getResourceKey()"),
                                        Map.of("name", "extensions", "path", "extension.url", "collection", true),
                                        Map.of(
                                                "name",
                                                "codes",
                                                "path",
                                                "extension.value.ofType(CodeableConcept).coding.code",
                                                "collection",
                                                true),
                                        Map.of(
                                                "name",
                                                "amounts",
                                                "path",
                                                "extension.value.ofType(Quantity).value",
                                                "collection",
                                                true),
                                        Map.of(
                                                "name",
                                                "texts",
                                                "path",
                                                "extension.value.ofType(string)",
                                                "collection",
                                                true)))));
        List<Map<String, Object>> body = new ArrayList<>();
        body.add(Map.of("name", "view", "part", List.of(Map.of("name", "viewResource", "resource", view))));
        body.add(Map.of("name", "_format", "valueCode", "csv"));
        patients.forEach(p -> body.add(Map.of("name", "patient", "valueReference", Map.of("reference", p))));
        String request = JSON.writeValueAsString(Map.of("resourceType", "Parameters", "parameter", body));

        String analyst = new String(
                download(
                        outputs(awaitManifest(kickOff(Role.ANALYST, request), Role.ANALYST))
                                .get("administrations.csv"),
                        Role.ANALYST),
                StandardCharsets.UTF_8);
        assertThat(lines(analyst.getBytes(StandardCharsets.UTF_8))).hasSize(1 + administrations.size());
        for (String marker : markers) {
            assertThat(analyst).as("analyst's administrations").doesNotContain(marker);
        }
        String statistician = new String(
                download(
                        outputs(awaitManifest(kickOff(Role.STATISTICIAN, request), Role.STATISTICIAN))
                                .get("administrations.csv"),
                        Role.STATISTICIAN),
                StandardCharsets.UTF_8);
        assertThat(markers).allSatisfy(marker -> assertThat(statistician).contains(marker));
    }

    @Test
    void anExportShowsWhatWasWrittenSinceTheLastOneAndSinceKeepsOnlyThat() throws Exception {
        List<String> before = leakRows(null);
        Instant mark = Instant.now().minusMillis(1);
        String id = fhir().create()
                .resource(demoOutcomeCopy("view-export-leak"))
                .execute()
                .getId()
                .getIdPart();
        List<String> after = leakRows(null);
        assertThat(after).hasSize(before.size() + 1);
        assertThat(after).anyMatch(row -> row.startsWith(id + ","));
        List<String> since = leakRows(mark.toString());
        assertThat(since).hasSize(2);
        assertThat(since.get(1)).startsWith(id + ",");
    }

    /** The leak view's CSV lines (header first), as the statistician exports it. */
    private List<String> leakRows(String since) throws Exception {
        List<Map<String, Object>> parameters = new ArrayList<>();
        parameters.add(view("exotrial-outcomes-leak", "leak"));
        if (since != null) {
            parameters.add(Map.of("name", "_since", "valueInstant", since));
        }
        String body = JSON.writeValueAsString(Map.of("resourceType", "Parameters", "parameter", parameters));
        return lines(download(
                outputs(awaitManifest(kickOff(Role.STATISTICIAN, body), Role.STATISTICIAN))
                        .get("leak.csv"),
                Role.STATISTICIAN));
    }

    @Test
    void ndjsonWithAnInlineViewAndSinceInTheFutureHasNoRows() throws Exception {
        Map<String, Object> view = Map.of(
                "resourceType", "ViewDefinition",
                "name", "patients",
                "status", "active",
                "resource", "Patient",
                "select", List.of(Map.of("column", List.of(Map.of("name", "id", "path", "id")))));
        Map<String, Object> body = Map.of(
                "resourceType",
                "Parameters",
                "parameter",
                List.of(
                        Map.of("name", "view", "part", List.of(Map.of("name", "viewResource", "resource", view))),
                        Map.of("name", "_format", "valueCode", "ndjson"),
                        Map.of(
                                "name",
                                "_since",
                                "valueInstant",
                                Instant.now().plusSeconds(3600).toString())));
        String status = kickOff(Role.ANALYST, JSON.writeValueAsString(body));
        Map<String, String> files = outputs(awaitManifest(status, Role.ANALYST));
        assertThat(download(files.get("patients.ndjson"), Role.ANALYST)).isEmpty();
    }

    @Test
    void onlyTheClientThatAskedMayPollOrDownloadAndDeleteCancels() throws Exception {
        String status = kickOff(Role.STATISTICIAN, parameters("csv", List.of(), view("exotrial-outcomes-stay", null)));
        Map<String, String> files = outputs(awaitManifest(status, Role.STATISTICIAN));
        String file = files.values().iterator().next();
        assertThat(send(HttpRequest.newBuilder(URI.create(status))
                                .header("Authorization", "Bearer " + token(Role.ANALYST)))
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> stolen =
                send(HttpRequest.newBuilder(URI.create(file)).header("Authorization", "Bearer " + token(Role.ANALYST)));
        assertThat(stolen.statusCode()).isEqualTo(403);
        assertThat(stolen.body()).contains("OperationOutcome").doesNotContain("patient_id");
        assertThat(send(HttpRequest.newBuilder(URI.create(file))).statusCode()).isEqualTo(401);

        HttpResponse<String> deleted = send(HttpRequest.newBuilder(URI.create(status))
                .header("Authorization", "Bearer " + token(Role.STATISTICIAN))
                .DELETE());
        assertThat(deleted.statusCode()).isEqualTo(202);
        assertThat(send(HttpRequest.newBuilder(URI.create(status))
                                .header("Authorization", "Bearer " + token(Role.STATISTICIAN)))
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(URI.create(file))
                                .header("Authorization", "Bearer " + token(Role.STATISTICIAN)))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void cancelWhileRunningStopsTheExport() throws Exception {
        String status = kickOff(
                Role.STATISTICIAN,
                parameters(
                        "parquet",
                        List.of(),
                        view("exotrial-cytokines", null),
                        view("exotrial-subjects", null),
                        view("exotrial-fistula-scores", null)));
        HttpResponse<String> cancelled = send(HttpRequest.newBuilder(URI.create(status))
                .header("Authorization", "Bearer " + token(Role.STATISTICIAN))
                .DELETE());
        assertThat(cancelled.statusCode()).isEqualTo(202);
        assertThat(send(HttpRequest.newBuilder(URI.create(status))
                                .header("Authorization", "Bearer " + token(Role.STATISTICIAN)))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theContractsViewDefinitionPathStartsAnExportOfItsViewAndEveryStepIsAudited() throws Exception {
        HttpResponse<String> started =
                send(request("/ViewDefinition/exotrial-outcomes-stay/$viewdefinition-export", Role.STATISTICIAN)
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(parameters("csv", List.of()))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String status = started.headers().firstValue("Content-Location").orElseThrow();
        Map<String, String> files = outputs(awaitManifest(status, Role.STATISTICIAN));
        assertThat(files).containsOnlyKeys("exotrial_outcomes_stay.csv");
        List<String> stays = lines(download(files.get("exotrial_outcomes_stay.csv"), Role.STATISTICIAN));
        assertThat(stays)
                .hasSize(1
                        + total("Encounter?type=https://exotrial.org/fhir/CodeSystem/exotrial-encounter-type"
                                + "|surgical-stay"));

        HttpResponse<String> typeLevel = send(request("/ViewDefinition/$viewdefinition-export", Role.STATISTICIAN)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        parameters("ndjson", List.of(), view("exotrial-fistula-scores", null)))));
        assertThat(typeLevel.statusCode()).as(typeLevel.body()).isEqualTo(202);

        HttpResponse<byte[]> download = http().send(
                        HttpRequest.newBuilder(URI.create(files.get("exotrial_outcomes_stay.csv")))
                                .header("Authorization", "Bearer " + token(Role.STATISTICIAN))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        for (HttpResponse<?> audited : List.of(started, download)) {
            String requestId = audited.headers().firstValue("X-Request-ID").orElseThrow();
            assertThat(awaitAudit(requestId)).as("audit of " + audited.uri()).isTrue();
        }
    }

    /** Whether an AuditEvent of the request (by its X-Request-ID) becomes searchable within 20 s. */
    private boolean awaitAudit(String requestId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            boolean found = auditEvents("AuditEvent?_sort=-date&_count=200").stream()
                    .anyMatch(event -> event.getEntity().stream()
                            .anyMatch(e -> "XrequestId".equals(e.getType().getCode())
                                    && requestId.equals(
                                            e.getWhat().getIdentifier().getValue())));
            if (found) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    @Autowired
    ExportFiles exportFiles;

    @Autowired
    DaoRegistry daos;

    @Autowired
    org.exotrial.server.FhirEndpoint endpoint;

    @Test
    void filesPastTheRetentionAreDeletedByTheSweep() throws Exception {
        String status = kickOff(Role.STATISTICIAN, parameters("csv", List.of(), view("exotrial-outcomes-stay", null)));
        String file = outputs(awaitManifest(status, Role.STATISTICIAN))
                .values()
                .iterator()
                .next();
        download(file, Role.STATISTICIAN);
        // What the retention sweep runs, with a retention every file is past.
        assertThat(exportFiles.deleteOlderThan(Duration.ofMillis(1))).isPositive();
        assertThat(send(HttpRequest.newBuilder(URI.create(file))
                                .header("Authorization", "Bearer " + token(Role.STATISTICIAN)))
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void resourcesAreReadPageByPageWithoutLossOrRepeat() throws Exception {
        Set<String> ids = new TreeSet<>();
        long count = new ResourceSource(new org.exotrial.views.ServerResources(daos, FHIR, 7), () -> endpoint.server())
                .forEach(
                        "Observation",
                        List.of(),
                        null,
                        resource -> ids.add(resource.getIdElement().getIdPart()));
        assertThat(count).isEqualTo(ids.size()).isEqualTo(total("Observation")).isGreaterThan(14);
        String patient = "Patient/" + demoId(demoParticipant(LAR_TRIAL, "Placebo", 0), "patient");
        long own = new ResourceSource(new org.exotrial.views.ServerResources(daos, FHIR, 5), () -> endpoint.server())
                .forEach("Observation", List.of(patient), null, resource -> {});
        assertThat(own).isEqualTo(total("Observation?patient=" + patient)).isPositive();
    }

    @Test
    void badInputIsAnOperationOutcomeWithA4xx() throws Exception {
        assertRefused(parameters("csv", List.of(), view("ViewDefinition/no-such-view", null)), 404, "no-such-view");
        assertRefused(parameters("xlsx", List.of(), view("exotrial-subjects", null)), 400, "_format");
        assertRefused(parameters("csv", List.of()), 400, "at least one view");
        assertRefused(parameters("csv", List.of("Observation/1"), view("exotrial-subjects", null)), 400, "patient");
        assertRefused(
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"view\",\"part\":[{\"name\":"
                        + "\"viewResource\",\"resource\":{\"resourceType\":\"ViewDefinition\",\"resource\":\"Patient\","
                        + "\"select\":[{\"column\":[{\"name\":\"x\",\"path\":\"name.given.(\"}]}]}}]}]}",
                400,
                "not valid");
        assertRefused("not json", 400, "not JSON");
        assertRefused(
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"group\",\"valueReference\":"
                        + "{\"reference\":\"Group/any\"}},{\"name\":\"view\",\"part\":[{\"name\":\"viewReference\","
                        + "\"valueReference\":{\"reference\":\"exotrial-subjects\"}}]}]}",
                404,
                "Group");
        assertRefused(
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"_since\",\"valueString\":"
                        + "\"yesterday\"},{\"name\":\"view\",\"part\":[{\"name\":\"viewReference\",\"valueReference\":"
                        + "{\"reference\":\"Library/exotrial-subjects\"}}]}]}",
                400,
                "_since");
        HttpResponse<String> noToken = send(anonymousRequest("/$viewdefinition-export")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        parameters("csv", List.of(), view("exotrial-subjects", null)))));
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> noId = send(request("/$viewdefinition-export-status", Role.ANALYST));
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(noId.body()).contains("OperationOutcome");
        HttpResponse<String> unknown = send(request("/$viewdefinition-export-status?_exportId=nope", Role.ANALYST));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("OperationOutcome");
    }

    private void assertRefused(String body, int status, String message) throws Exception {
        HttpResponse<String> response = send(request("/$viewdefinition-export", Role.ANALYST)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        assertThat(response.body()).contains("OperationOutcome").contains(message);
    }

    /** Starts an export and returns its status URL (Content-Location of the 202). */
    private String kickOff(Role role, String body) throws Exception {
        HttpResponse<String> response = send(request("/$viewdefinition-export", role)
                .header("Content-Type", "application/fhir+json")
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String location = response.headers().firstValue("Content-Location").orElseThrow();
        assertThat(location).startsWith(baseUrl() + "/$viewdefinition-export-status?_exportId=");
        return location;
    }

    /** Polls the status URL (202 with X-Progress and Retry-After meanwhile) until the manifest comes. */
    private JsonNode awaitManifest(String status, Role role) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(status)).header("Authorization", "Bearer " + token(role)));
            if (response.statusCode() == 200) {
                JsonNode manifest = JSON.readTree(response.body());
                assertThat(parameter(manifest, "status").path("valueCode").asText())
                        .as(response.body())
                        .isEqualTo("completed");
                assertThat(parameter(manifest, "requiresAccessToken")
                                .path("valueBoolean")
                                .asBoolean())
                        .isTrue();
                return manifest;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(response.headers().firstValue("X-Progress")).isPresent();
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            Thread.sleep(500);
        }
        throw new AssertionError("export " + status + " did not finish in 3 minutes");
    }

    private static JsonNode parameter(JsonNode parameters, String name) {
        for (JsonNode p : parameters.path("parameter")) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
        }
        return JSON.missingNode();
    }

    /** File name to download URL, from the manifest's output parameters. */
    private static Map<String, String> outputs(JsonNode manifest) {
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode p : manifest.path("parameter")) {
            if ("output".equals(p.path("name").asText())) {
                String name = null;
                String location = null;
                for (JsonNode part : p.path("part")) {
                    switch (part.path("name").asText()) {
                        case "name" -> name = part.path("valueString").asText();
                        case "location" -> location = part.path("valueUri").asText();
                        default -> {}
                    }
                }
                files.put(name, location);
            }
        }
        return files;
    }

    private byte[] download(String url, Role role) throws Exception {
        HttpResponse<byte[]> response = http().send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token(role))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    private static List<String> lines(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n")));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    private int total(String search) {
        return fhir(Role.STATISTICIAN)
                .search()
                .byUrl(search + (search.contains("?") ? "&" : "?") + "_summary=count")
                .returnBundle(Bundle.class)
                .execute()
                .getTotal();
    }

    private static Map<String, Object> view(String reference, String name) {
        String ref = reference.contains("/") ? reference : VIEW + reference;
        List<Map<String, Object>> parts = new ArrayList<>();
        parts.add(Map.of("name", "viewReference", "valueReference", Map.of("reference", ref)));
        if (name != null) {
            parts.add(Map.of("name", "name", "valueString", name));
        }
        return Map.of("name", "view", "part", parts);
    }

    @SafeVarargs
    private static String parameters(String format, List<String> patients, Map<String, Object>... views)
            throws Exception {
        List<Map<String, Object>> parameters = new ArrayList<>(List.of(views));
        parameters.add(Map.of("name", "_format", "valueCode", format));
        patients.forEach(p -> parameters.add(Map.of("name", "patient", "valueReference", Map.of("reference", p))));
        return JSON.writeValueAsString(Map.of("resourceType", "Parameters", "parameter", parameters));
    }
}
