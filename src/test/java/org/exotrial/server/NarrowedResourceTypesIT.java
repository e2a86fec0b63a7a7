package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerProcess;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An operator's narrowed {@code exotrial.fhir.resource-types} (the default is all of R4): the packaged server in a
 * process of its own, started as an operator would, storing a few types. The others are not served, cannot be written,
 * not even inside a transaction or contained, and cannot be pointed at.
 */
@Tag("integration")
class NarrowedResourceTypesIT {

    private static ServerProcess server;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory("exotrial-narrowed-");
        server = ServerProcess.start(
                dataDir,
                Map.of(),
                List.of("-Xmx768m"),
                List.of("--exotrial.fhir.resource-types=Patient,Encounter,Observation,Procedure"));
        token = server.token(Role.ADMIN);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theStatementListsTheConfiguredAndTheRequiredTypesOnly() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metadata"))
                .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        var types = FhirContext.forR4Cached()
                .newJsonParser()
                .parseResource(CapabilityStatement.class, response.body())
                .getRestFirstRep()
                .getResource()
                .stream()
                .map(r -> r.getType())
                .toList();
        assertThat(types)
                .contains("Patient", "Observation", "Procedure", "Encounter")
                // What the server needs whatever the setting (StoredResourceTypes.REQUIRED).
                .contains(
                        "StructureDefinition", "Binary", "Subscription", "Basic", "AuditEvent", "AdverseEvent", "Group")
                .doesNotContain("Claim", "Account", "Immunization", "CareTeam");
    }

    @Test
    void aTypeTheServerDoesNotStoreIsNotFound() throws Exception {
        var read = send(request("/Claim?_count=1").GET());
        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(read.body()).contains("OperationOutcome").contains("Claim");

        var create = send(request("/Claim")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Claim\",\"status\":\"active\"}")));
        assertThat(create.statusCode()).isEqualTo(404);
        assertThat(create.body()).contains("OperationOutcome");
    }

    /** The validator knows only the stored types, so a contained one of another type gets this 400 before it. */
    @Test
    void aContainedResourceOfATypeTheServerDoesNotStoreIsRefusedWith400() throws Exception {
        String observation =
                """
                {"resourceType":"Observation","status":"final","code":{"text":"x"},
                 "contained":[{"resourceType":"Claim","id":"c1","status":"active"}]}
                """;

        var create = send(request("/Observation")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(observation)));

        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(create.body())
                .contains("OperationOutcome")
                .contains("Observation.contained holds a Claim, but this server does not store Claim resources");
    }

    @Test
    void aTransactionWithATypeTheServerDoesNotStoreStoresNothing() throws Exception {
        String mrn = "narrowed-" + System.nanoTime();

        var response = postTransactionWithPatient(
                mrn,
                """
                {"resource":{"resourceType":"Claim","status":"active"},"request":{"method":"POST","url":"Claim"}}
                """);

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).contains("OperationOutcome").contains("Claim");
        assertThat(patientsWithMrn(mrn)).isZero();
    }

    @Test
    void aReferenceToATypeTheServerDoesNotStoreIsRefusedWith400() throws Exception {
        String mrn = "narrowed-" + System.nanoTime();
        String encounter =
                """
                {"resourceType":"Encounter","status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                 "subject":{"reference":"urn:uuid:p1"},"account":[{"reference":"Account/123"}]}
                """;

        var inTransaction = postTransactionWithPatient(
                mrn, "{\"resource\":" + encounter + ",\"request\":{\"method\":\"POST\",\"url\":\"Encounter\"}}");
        var alone = send(request("/Encounter")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(encounter.replace("urn:uuid:p1", "Patient/nobody"))));

        assertThat(inTransaction.statusCode()).isEqualTo(400);
        assertThat(inTransaction.body())
                .contains("OperationOutcome")
                .contains("Encounter.account refers to Account/123, but this server does not store Account");
        assertThat(patientsWithMrn(mrn)).isZero();
        assertThat(alone.statusCode()).isEqualTo(400);
        assertThat(alone.body()).contains("does not store Account");
    }

    private HttpResponse<String> postTransactionWithPatient(String mrn, String secondEntryJson) throws Exception {
        String body =
                """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient",
                     "identifier":[{"system":"https://exotrial.org/fhir/sid/mrn","value":"%s"}]},
                   "request":{"method":"POST","url":"Patient"}},
                  %s]}
                """
                        .formatted(mrn, secondEntryJson);
        return send(request("")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private int patientsWithMrn(String mrn) throws Exception {
        var response =
                send(request("/Patient?identifier=https://exotrial.org/fhir/sid/mrn%7C" + mrn + "&_summary=count")
                        .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        return FhirContext.forR4Cached()
                .newJsonParser()
                .parseResource(org.hl7.fhir.r4.model.Bundle.class, response.body())
                .getTotal();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
