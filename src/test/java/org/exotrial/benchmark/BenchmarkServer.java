package org.exotrial.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.exotrial.security.access.Role;
import org.exotrial.support.PreparedLaunch;
import org.exotrial.support.ServerProcess;

/** One of the servers a benchmark run compares: the packaged jar or its prepared launch, as its variant says. */
final class BenchmarkServer implements AutoCloseable {

    /** The configurations of the same code the benchmark compares. */
    enum Variant {
        /**
         * ExoTrial as shipped: tuning on, every write validated against the guide, tokens, scopes, blinding, audit; the
         * JVM settings of the README. A 2 GB heap ceiling holds the ~400 MB the validator and HAPI's caches keep live and a
         * 20,000-entry hospital record's transaction. The
         * parallel collector, not G1: on two cores shared with PostgreSQL and the clients, G1's write barriers and
         * concurrent work cost a sixth of the server's CPU, and the parallel collector read 22 % and ingested 18 % more
         * on the same data (docs/benchmarks.md, Optimisations; decision 26). Heap free ratios make the collector size
         * the heap by what is live instead of growing it for throughput alone (decision 42). A smaller code cache,
         * smaller thread stacks and two malloc arenas trim what is resident outside the heap. Started as the Docker
         * image starts it, from the extracted jar with its class-data sharing archive (decision 36).
         */
        EXOTRIAL(
                "ExoTrial",
                true,
                List.of(
                        "-Xmx2g",
                        "-XX:+UseParallelGC",
                        "-XX:MinHeapFreeRatio=40",
                        "-XX:MaxHeapFreeRatio=70",
                        "-XX:ReservedCodeCacheSize=96m",
                        "-Xss512k"),
                Map.of("MALLOC_ARENA_MAX", "2"),
                false,
                // The sync phase's receiver listens on the loopback interface, which no endpoint may name otherwise.
                List.of("--exotrial.subscriptions.allowed-hosts=127.0.0.1")),
        /**
         * Stock HAPI JPA: HAPI's default storage and Hibernate settings, no profile validation, no security, no audit;
         * default JVM settings, started from the packaged jar; all 146 R4 resource types, as HAPI serves them; HAPI's
         * own subscription delivery, as the starter switches it on ({@code HapiStockDeliveryConfig}), for the sync
         * phase. What a bare HAPI starter on the same database would do with the same requests.
         */
        STOCK("stock HAPI", false, List.of(), Map.of(), false, stockArgs("--exotrial.sync.hapi-stock-delivery=true")),
        /**
         * What a user choosing between the two would otherwise run: the HAPI starter with the same guide loaded and
         * HAPI's own validation switched on. Stock as above (the guide is installed with HAPI's package installer in
         * every configuration), plus HAPI's {@code RequestValidatingInterceptor} with HAPI's JPA instance validator
         * failing every write with an ERROR against the guide's profiles, as the starter's
         * {@code hapi.fhir.validation.requests_enabled=true} does ({@code HapiRequestValidationConfig}). It differs
         * from stock only in its writes, so only the write phases run on it.
         */
        STOCK_VALIDATING(
                "HAPI + guide + validation",
                false,
                List.of(),
                Map.of(),
                true,
                stockArgs("--exotrial.validation.hapi-request-validation=true"));

        final String label;
        final boolean preparedLaunch;
        /** Only the write phases (ingest, hospital records) and the memory they leave; no queries, reads or restart. */
        final boolean writesOnly;

        final List<String> jvmOptions;
        final Map<String, String> environment;
        final List<String> args;

        Variant(
                String label,
                boolean preparedLaunch,
                List<String> jvmOptions,
                Map<String, String> environment,
                boolean writesOnly,
                List<String> args) {
            this.label = label;
            this.preparedLaunch = preparedLaunch;
            this.writesOnly = writesOnly;
            this.jvmOptions = jvmOptions;
            this.environment = environment;
            this.args = args;
        }

        boolean secured() {
            return this == EXOTRIAL;
        }

        /** Whether a write may be refused: only by HAPI's validator, whose refusals are counted, not measured. */
        boolean mayRefuse() {
            return this == STOCK_VALIDATING;
        }

        /** Stock HAPI's settings: ExoTrial's own tuning, validation, security and audit off, all of R4 served. */
        private static List<String> stockArgs(String... more) {
            List<String> args = new java.util.ArrayList<>(List.of(
                    "--exotrial.tuning.enabled=false",
                    "--exotrial.validation.enabled=false",
                    "--exotrial.security.enabled=false",
                    "--exotrial.audit.enabled=false",
                    "--exotrial.fhir.resource-types=*"));
            args.addAll(List.of(more));
            return List.copyOf(args);
        }
    }

    final Variant variant;
    final Path data;
    private final ServerProcess process;

    private BenchmarkServer(Variant variant, Path data, ServerProcess process) {
        this.variant = variant;
        this.data = data;
        this.process = process;
    }

    /** Starts the variant on an empty data directory (a fresh embedded PostgreSQL cluster). */
    static BenchmarkServer start(Variant variant) throws IOException, InterruptedException {
        return start(
                variant,
                Files.createTempDirectory("exotrial-bench-" + variant.name().toLowerCase() + "-"));
    }

    /** Starts the variant on the data directory of an earlier, stopped server: a restart. */
    static BenchmarkServer start(Variant variant, Path data) throws IOException, InterruptedException {
        List<String> jvm = new java.util.ArrayList<>(variant.jvmOptions);
        // e.g. -Dbenchmark.jvm.exotrial=-XX:StartFlightRecording=filename=target/exotrial.jfr,settings=profile
        String extra = System.getProperty("benchmark.jvm." + variant.name().toLowerCase(), "");
        if (!extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        Path jar = ServerProcess.packagedJar();
        if (variant.preparedLaunch) {
            PreparedLaunch launch = PreparedLaunch.get();
            jar = launch.jar();
            jvm.addAll(launch.jvmOptions());
        }
        List<String> args = new java.util.ArrayList<>(variant.args);
        if (!variant.secured()) {
            // HAPI's own batch job cadence (a maintenance pass a minute, none on a poll), not ExoTrial's: the export
            // phase compares
            // HAPI's bulk export as HAPI runs it. The smoke test shortens it to keep the build short.
            args.add("--exotrial.export.job-interval=" + System.getProperty("benchmark.stock.job-interval", "PT60S"));
            args.add("--exotrial.export.advance-on-poll=false");
        }
        return new BenchmarkServer(variant, data, ServerProcess.start(jar, data, variant.environment, jvm, args));
    }

    Duration startup() {
        return process.startup();
    }

    long residentBytes() throws IOException {
        return process.residentBytes();
    }

    /** A client acting in the given role (anonymous on the stock server, which has no security). */
    Api api(Role role) {
        return new Api(process.baseUrl(), variant.secured() ? new RefreshingToken(role) : () -> null);
    }

    @Override
    public void close() throws InterruptedException {
        // After the read load thousands of AuditEvents may still be queued; a graceful stop writes them all first.
        process.stop(Duration.ofMinutes(15));
    }

    /** Tokens live 30 minutes; a long run fetches a new one well before that. */
    private final class RefreshingToken implements Supplier<String> {
        private final Role role;
        private String token;
        private long fetchedAt;

        RefreshingToken(Role role) {
            this.role = role;
        }

        @Override
        public synchronized String get() {
            if (token == null
                    || System.nanoTime() - fetchedAt > Duration.ofMinutes(20).toNanos()) {
                try {
                    token = process.token(role);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                fetchedAt = System.nanoTime();
            }
            return token;
        }
    }
}
