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
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.token.TokenClient;

/**
 * The packaged server ({@code target/exotrial-server.jar}) in a process of its own, for the tests that must stop,
 * kill or reconfigure it: exactly what an operator runs.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private final Process process;
    private final int port;
    private final Path log;
    private final long startedNanos = System.nanoTime();
    private Duration startup;

    /** One configured client per role ({@code it-<role>}), all with the same key: the configuration path. */
    private static final RSAKey CLIENT_KEY = Keys.rsa();

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server on a free port with the given data directory and environment, and waits until it serves. */
    public static ServerProcess start(Path dataDir, Map<String, String> env) throws IOException, InterruptedException {
        return start(dataDir, env, List.of("-Xmx768m"), List.of());
    }

    /**
     * Starts the server with the given JVM options and extra command-line arguments (which win over the defaults
     * here), and waits until {@code /fhir/metadata} answers 200.
     */
    public static ServerProcess start(Path dataDir, Map<String, String> env, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        return start(packagedJar(), dataDir, env, jvmOptions, args);
    }

    /** The packaged server jar the build made ({@code -Dexotrial.jar}, set by the failsafe configuration). */
    public static Path packagedJar() {
        return Path.of(System.getProperty("exotrial.jar", "target/exotrial-server.jar"));
    }

    /** As {@link #start(Path, Map, List, List)}, from the given jar (an extracted launch, see {@link PreparedLaunch}). */
    public static ServerProcess start(
            Path jar, Path dataDir, Map<String, String> env, List<String> jvmOptions, List<String> args)
            throws IOException, InterruptedException {
        int port = freePort();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Packaged server not found at " + jar + "; run the tests with mvn verify");
        }
        Path log = Files.createDirectories(Path.of("target", "it-logs")).resolve("server-" + port + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                // Several servers run at once during the build; none may take the shared MLLP default port 2575.
                "--exotrial.hl7v2.mllp.port=" + freePort(),
                "--exotrial.data.dir=" + dataDir,
                "--exotrial.security.issuer=http://localhost:" + port,
                "--exotrial.security.token-lifetime=30m"));
        String jwks = new JWKSet(CLIENT_KEY).toPublicJWKSet().toString();
        for (Role role : Role.values()) {
            String client = "--exotrial.security.clients[" + role.ordinal() + "].";
            command.add(client + "id=" + clientId(role));
            command.add(client + "role=" + role.claim());
            command.add(client + "scopes=" + scopes(role).replace(' ', ',')); // a list: comma-separated
            command.add(client + "jwks=" + jwks);
        }
        command.addAll(args);
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
        client.registerInterceptor(new BearerTokenAuthInterceptor(token(Role.ADMIN)));
        return client;
    }

    /** A token with every scope the role may hold (valid 30 minutes). */
    public String token(Role role) throws IOException, InterruptedException {
        return new TokenClient(URI.create(baseUrl())).accessToken(clientId(role), CLIENT_KEY, scopes(role));
    }

    /** Process start to the first 200 on {@code /fhir/metadata}. */
    public Duration startup() {
        return startup;
    }

    /** Resident memory of the server's JVM (not of its PostgreSQL), from /proc. */
    public long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + process.pid());
    }

    private static String clientId(Role role) {
        return "it-" + role.claim();
    }

    private static String scopes(Role role) {
        return DemoClients.scope(role);
    }

    public String baseUrl() {
        return "http://localhost:" + port + "/fhir";
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** SIGTERM, as systemd or Kubernetes would send: the server shuts down gracefully. */
    public void stop() throws InterruptedException {
        stop(Duration.ofMinutes(2));
    }

    /** SIGTERM, waiting as long as given for the graceful shutdown (queued audit events are written out first). */
    public void stop(Duration allowed) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(allowed.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Server did not stop within " + allowed + " of SIGTERM");
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
                    startup = Duration.ofNanos(System.nanoTime() - startedNanos);
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            }
            Thread.sleep(100);
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
