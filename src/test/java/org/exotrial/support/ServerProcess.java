package org.exotrial.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.exotrial.security.TokenClient;

/**
 * The packaged server ({@code target/exotrial-server.jar}) in a process of its own, for the tests that must stop,
 * kill or reconfigure it: exactly what an operator runs.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private final Path log;

    private static final String ADMIN_CLIENT = "it-admin";
    private static final RSAKey ADMIN_KEY = Keys.rsa();

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server on a free port with the given data directory and environment, and waits until it serves. */
    public static ServerProcess start(Path dataDir, Map<String, String> env) throws IOException, InterruptedException {
        int port = freePort();
        Path jar = Path.of(System.getProperty("exotrial.jar", "target/exotrial-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Packaged server not found at " + jar + "; run the tests with mvn verify");
        }
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("server-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                // Several servers run at once during the build; none may take the shared MLLP default port 2575.
                "--exotrial.hl7v2.mllp.port=" + freePort(),
                "--exotrial.data.dir=" + dataDir,
                "--exotrial.security.issuer=http://localhost:" + port,
                "--exotrial.security.token-lifetime=30m",
                // A configured client (not demo mode, which would load the demo data): the configuration path.
                "--exotrial.security.clients[0].id=" + ADMIN_CLIENT,
                "--exotrial.security.clients[0].role=admin",
                "--exotrial.security.clients[0].scopes=system/*.cruds",
                "--exotrial.security.clients[0].jwks=" + new JWKSet(ADMIN_KEY).toPublicJWKSet()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        server.awaitReady();
        return server;
    }

    /** A FHIR client with an admin token from the server's own token endpoint. */
    public IGenericClient client() throws IOException, InterruptedException {
        FhirContext fhir = FhirContext.forR4Cached();
        fhir.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = fhir.newRestfulGenericClient(baseUrl());
        String token = new TokenClient(URI.create(baseUrl())).accessToken(ADMIN_CLIENT, ADMIN_KEY, "system/*.cruds");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    public String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as systemd or Kubernetes would send: the server shuts down gracefully. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("Server did not stop within 2 minutes of SIGTERM");
        }
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left behind as an orphan. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest metadata = HttpRequest.newBuilder(URI.create(baseUrl() + "/metadata"))
                .timeout(Duration.ofSeconds(30))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Server exited during startup:\n" + tail());
            }
            try {
                if (client.send(metadata, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("Server not ready within " + STARTUP_TIMEOUT + ":\n" + tail());
    }

    private String tail() throws IOException {
        String text = log();
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
