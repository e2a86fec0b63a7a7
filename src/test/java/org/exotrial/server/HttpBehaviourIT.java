package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;

class HttpBehaviourIT extends ServerIT {

    @Test
    void metadataIsAnR4CapabilityStatementListingTheJpaFeatures() throws Exception {
        var response = send(request("/metadata").GET());
        assertThat(response.statusCode()).isEqualTo(200);

        var cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.body());
        assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
        var rest = cs.getRestFirstRep();
        assertThat(rest.getInteraction()).extracting(i -> i.getCode().toCode()).contains("transaction", "batch");
        var patient = rest.getResource().stream()
                .filter(r -> r.getType().equals("Patient"))
                .findFirst()
                .orElseThrow();
        assertThat(patient.getVersioning().toCode()).isEqualTo("versioned-update");
        assertThat(patient.getConditionalCreate()).isTrue();
        assertThat(patient.getOperation()).extracting(o -> o.getName()).contains("everything");
    }

    @Test
    void metadataListsTheStoredTypesWithoutCountingThem() throws Exception {
        var response = send(anonymousRequest("/metadata").GET());
        assertThat(response.statusCode()).isEqualTo(200);

        var cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.body());
        var types = cs.getRestFirstRep().getResource().stream()
                .map(r -> r.getType())
                .toList();
        // All of R4 by default, what hospitals send beside a trial's types (NarrowedResourceTypesIT: fewer).
        assertThat(types)
                .contains("Patient", "Observation", "Procedure", "ResearchSubject", "AdverseEvent")
                .contains("StructureDefinition", "Subscription", "Basic", "AuditEvent")
                .contains("Claim", "ExplanationOfBenefit", "Immunization", "CareTeam", "SupplyDelivery")
                .hasSizeGreaterThan(140);
        // A public statement must not say how many patients or adverse events a blinded trial holds.
        assertThat(response.body()).doesNotContain("resourceCount");
    }

    @Test
    void responsesAreGzippedWhenTheClientAcceptsIt() throws Exception {
        var response = http().send(
                        request("/metadata")
                                .header("Accept-Encoding", "gzip")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.headers().allValues("Content-Encoding")).containsExactly("gzip");
        assertThat(gunzip(response.body())).contains("CapabilityStatement");
    }

    @Test
    void corsIsOffByDefault() throws Exception {
        var response = send(request("/metadata")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void unknownResourceTypeIsAnOperationOutcome() throws Exception {
        var response = send(request("/NotAResource/1").GET());
        assertThat(response.statusCode()).isIn(400, 404);
        assertThat(response.body()).contains("OperationOutcome");
    }

    @Test
    void malformedJsonIsRejectedWith400() throws Exception {
        var response = send(request("/Patient")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\",")));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome");
    }

    @Test
    void healthReportsTheDatabase() throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"db\":{\"status\":\"UP\"");
    }

    private static String gunzip(byte[] body) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
