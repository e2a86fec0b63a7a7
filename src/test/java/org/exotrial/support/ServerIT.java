package org.exotrial.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.exotrial.ExoTrialApplication;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests that share one running server: one Spring context, one embedded PostgreSQL in a fresh
 * data directory, reached over real HTTP. Spring's test-context cache hands every subclass the same server, so test
 * data must not depend on an empty database (use unique identifiers per test).
 */
@Tag("integration")
@SpringBootTest(classes = ExoTrialApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ServerIT {

    protected static final FhirContext FHIR = FhirContext.forR4Cached();
    protected static final String MRN = "https://exotrial.org/fhir/sid/mrn";
    private static final Path DATA_DIR = createDataDir();
    /** The shared server's MLLP listener; a free port, since another build may hold the default 2575. */
    protected static final int MLLP_PORT = freePort();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("exotrial.data.dir", DATA_DIR::toString);
        registry.add("exotrial.hl7v2.mllp.port", () -> MLLP_PORT);
        // Search and conformance tests run on the guide's examples (the demo LAR trial and friends).
        registry.add("exotrial.demo.enabled", () -> "true");
    }

    protected String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    protected IGenericClient fhir() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        return FHIR.newRestfulGenericClient(baseUrl());
    }

    protected static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Sends a raw request to the FHIR base; for what the generic client hides (headers, status, exact bodies). */
    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(120));
    }

    /** The stored patients carrying an MRN; tests use it to prove what was (not) stored. */
    protected List<Patient> patientsWithMrn(String mrn) {
        Bundle found = fhir().search()
                .forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN, mrn))
                .returnBundle(Bundle.class)
                .execute();
        return found.getEntry().stream().map(e -> (Patient) e.getResource()).toList();
    }

    /** A value no other test uses, so tests sharing one database never see each other's data. */
    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static int freePort() {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path createDataDir() {
        try {
            return Files.createTempDirectory("exotrial-it-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
