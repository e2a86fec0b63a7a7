package org.exotrial.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.exotrial.ExoTrialApplication;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.demo.DemoProperties;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.security.authorization.KeyStore;
import org.exotrial.token.TokenClient;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
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
@SpringBootTest(classes = ExoTrialApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class ServerIT {

    protected static final FhirContext FHIR = FhirContext.forR4Cached();
    protected static final String MRN = "https://exotrial.org/fhir/sid/mrn";
    private static final Path DATA_DIR = createDataDir();
    /** The shared server's MLLP listener; a free port, since another build may hold the default 2575. */
    protected static final int MLLP_PORT = freePort();
    /**
     * A fixed free port rather than a random one: the embedded authorization server's issuer (and so its token
     * endpoint) is configured before the web server starts and must name the port clients use.
     */
    protected static final int HTTP_PORT = freePort();

    private static final Map<Role, CachedToken> TOKENS = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        registry.add("exotrial.data.dir", DATA_DIR::toString);
        registry.add("exotrial.hl7v2.mllp.port", () -> MLLP_PORT);
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("exotrial.security.issuer", () -> "http://localhost:" + HTTP_PORT);
        // Search and conformance tests run on the guide's examples (the demo LAR trial and friends).
        registry.add("exotrial.demo.enabled", () -> "true");
        // The guide has no participants: the demo cohort is the studies' only data. Seven is enough (see below); the
        // default 40 would only lengthen startup.
        registry.add("exotrial.demo.cohort-size", () -> DEMO_COHORT_SIZE);
        // Registry sync: a short retry window and back-off, so that DeliveryIT sees a subscription reach "error"; the
        // test receivers listen on 127.0.0.1.
        registry.add("exotrial.subscriptions.retry-window", () -> "PT8S");
        registry.add("exotrial.subscriptions.delivery.backoff-base", () -> "PT0.1S");
        registry.add("exotrial.subscriptions.delivery.backoff-max", () -> "PT1S");
        registry.add("exotrial.subscriptions.allowed-hosts", () -> "127.0.0.1");
        // Bulk export: HAPI's batch jobs advance at every maintenance pass, so BulkExportIT's jobs finish in seconds.
        registry.add("exotrial.export.job-interval", () -> "PT0.5S");
    }

    /**
     * Generated demo participants on the shared server (MRNs GEN2026-000000 onwards). The first seven of the demo seed
     * cover every arm of the three demo studies: LAR Placebo and Exosome, intravenous secretome twice and topical
     * secretome, ADMIRE-CD Placebo and Darvadstrocel ({@link #demoParticipant} finds them).
     */
    protected static final int DEMO_COHORT_SIZE = 7;

    protected static final String LAR_TRIAL = "ResearchStudy/lar-exosome-trial";
    protected static final String SECRETOME_STUDY = "ResearchStudy/secretome-route-study";

    private static final CohortGenerator DEMO_COHORT = new CohortGenerator(DemoProperties.COHORT_SEED);
    private static final Map<String, String> DEMO_IDS = new ConcurrentHashMap<>();

    /**
     * The number (0-based) of the {@code nth} (0-based) participant of the shared server's demo cohort allocated to
     * {@code arm} of {@code study} ({@code ResearchStudy/<id>}); fails if the cohort has too few.
     */
    protected static int demoParticipant(String study, String arm, int nth) {
        int seen = 0;
        for (int i = 0; i < DEMO_COHORT_SIZE; i++) {
            for (Bundle.BundleEntryComponent entry : DEMO_COHORT.participant(i).getEntry()) {
                if (entry.getResource() instanceof ResearchSubject subject
                        && subject.getStudy().getReference().equals(study)
                        && subject.getAssignedArm().equals(arm)
                        && seen++ == nth) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("the demo cohort's first " + DEMO_COHORT_SIZE + " participants have fewer than "
                + (nth + 1) + " in " + study + " " + arm);
    }

    /**
     * The id the server gave one resource of demo participant {@code participant}, found by its business identifier
     * as the generator wrote it. {@code kind}: {@code patient}, {@code subject}, or what the resource's identifier
     * adds to the MRN ({@code administration}, {@code lar}, {@code leak}, {@code stay}, {@code il6-serum-pod1}, ...).
     */
    protected String demoId(int participant, String kind) {
        return DEMO_IDS.computeIfAbsent(participant + "/" + kind, key -> {
            List<Bundle.BundleEntryComponent> entries =
                    DEMO_COHORT.participant(participant).getEntry();
            String mrn = ((Patient) entries.get(0).getResource())
                    .getIdentifierFirstRep()
                    .getValue();
            Bundle.BundleEntryComponent entry = entries.stream()
                    .filter(e -> switch (kind) {
                        case "patient" -> e.getResource() instanceof Patient;
                        case "subject" -> e.getResource() instanceof ResearchSubject;
                        default -> e.getRequest().getIfNoneExist().endsWith("|" + mrn + "-" + kind);
                    })
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("demo participant " + mrn + " has no " + kind));
            Bundle found = fhir().search()
                    .byUrl(entry.getRequest().getUrl() + "?"
                            + entry.getRequest().getIfNoneExist())
                    .returnBundle(Bundle.class)
                    .execute();
            if (found.getEntry().size() != 1) {
                throw new IllegalStateException(
                        found.getEntry().size() + " stored resources for demo " + mrn + " " + kind);
            }
            return found.getEntryFirstRep().getResource().getIdElement().getIdPart();
        });
    }

    /**
     * A copy of a demo participant's leak outcome, as a second recording of it, not yet stored: valid, and it names its
     * study (an event of the outcome topic).
     */
    protected Observation demoOutcomeCopy(String identifierPrefix) {
        Observation outcome = fhir().read()
                .resource(Observation.class)
                .withId(demoId(demoParticipant(LAR_TRIAL, "Placebo", 0), "leak"))
                .execute();
        outcome.setId((String) null);
        outcome.setMeta(null);
        outcome.getIdentifierFirstRep().setValue(unique(identifierPrefix));
        return outcome;
    }

    protected String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    /** A FHIR client acting as the demo admin client. */
    protected IGenericClient fhir() {
        return fhir(Role.ADMIN);
    }

    /** A FHIR client acting as the demo client of the role (demo mode gives every role one). */
    protected IGenericClient fhir(Role role) {
        IGenericClient client = anonymousFhir();
        client.registerInterceptor(new BearerTokenAuthInterceptor(token(role)));
        return client;
    }

    protected IGenericClient anonymousFhir() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        return FHIR.newRestfulGenericClient(baseUrl());
    }

    /**
     * An access token of the role's demo client, from the server's token endpoint with a client assertion signed by
     * the demo key under the data directory, exactly as the {@code token} command does. Reused until near expiry.
     */
    protected String token(Role role) {
        CachedToken cached = TOKENS.get(role);
        if (cached != null && cached.expires().isAfter(Instant.now().plusSeconds(60))) {
            return cached.value();
        }
        try {
            RSAKey key = KeyStore.read(KeyStore.demoClientKeyFile(DATA_DIR, role));
            String scope = DemoClients.scope(role);
            String value = new TokenClient(URI.create(baseUrl())).accessToken(DemoClients.clientId(role), key, scope);
            TOKENS.put(role, new CachedToken(value, Instant.now().plus(Duration.ofMinutes(4))));
            return value;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static Path dataDir() {
        return DATA_DIR;
    }

    private record CachedToken(String value, Instant expires) {}

    protected static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Sends a raw request to the FHIR base; for what the generic client hides (headers, status, exact bodies). */
    protected HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to the FHIR base as the demo admin client. */
    protected HttpRequest.Builder request(String path) {
        return request(path, Role.ADMIN);
    }

    protected HttpRequest.Builder request(String path, Role role) {
        return anonymousRequest(path).header("Authorization", "Bearer " + token(role));
    }

    protected HttpRequest.Builder anonymousRequest(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(120));
    }

    /**
     * The admin's search of the audit trail, uncached, as any client polling a FHIR server should ask (the trail's own
     * searches cache nothing anyway).
     */
    protected List<AuditEvent> auditEvents(String url) {
        Bundle bundle = fhir().search()
                .byUrl(url)
                .cacheControl(new CacheControlDirective().setNoCache(true))
                .returnBundle(Bundle.class)
                .execute();
        return bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
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

    /**
     * Posts a transaction of a Patient with this MRN (full URL {@code urn:uuid:p1}) and one more entry, given as JSON,
     * so each test can show that a bad second entry leaves the Patient unstored.
     */
    protected HttpResponse<String> postTransactionWithPatient(String mrn, String secondEntryJson) throws Exception {
        String body =
                """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:p1","resource":{"resourceType":"Patient",
                     "identifier":[{"system":"%s","value":"%s"}]},"request":{"method":"POST","url":"Patient"}},
                  %s]}
                """
                        .formatted(MRN, mrn, secondEntryJson);
        return send(request("")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
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
