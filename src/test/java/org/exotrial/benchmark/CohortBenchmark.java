package org.exotrial.benchmark;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.exotrial.benchmark.BenchmarkServer.Variant;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.security.access.Role;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * One benchmark run: for each variant in turn (so none competes with another for the two cores), a fresh server on a
 * fresh embedded PostgreSQL; startup and memory; the generated cohort ingested, half by one client and half by four;
 * during the four-client ingest, a registry's subscription notified of every outcome (the sync phase); the analysts'
 * queries; reads by id from four clients; a bulk export of the cohort (and on ExoTrial its cytokines view); a Synthea export of hospital records; memory after load; a
 * restart on the loaded database. The third configuration, stock HAPI validating with its own validator, differs from
 * stock only in its writes, so it runs the write phases alone (no queries, reads or restart). Every phase checks its
 * answers: the server must have stored exactly what it took; only HAPI's validator may refuse a write, and a refused
 * write is counted as such, never as throughput.
 */
final class CohortBenchmark {

    /**
     * How big a run is. {@code writesOnlySubjects}: the participants a writes-only variant ingests, all of them in a
     * real run; fewer in the smoke test, which only has to prove the configuration still starts and takes writes.
     */
    record Settings(
            int subjects,
            int writesOnlySubjects,
            long seed,
            int queryWarmUp,
            int queryRepeats,
            double readWarmUpSeconds,
            double readSeconds) {

        /**
         * Reads by id warm up for two minutes: the JIT compiles the read path only once it runs, and on two cores
         * successive 30-second windows on one server kept rising for about four minutes (docs/benchmarks.md).
         */
        static Settings full(int subjects) {
            return new Settings(subjects, subjects, 20261126L, 5, 40, 120, 30);
        }

        static Settings smoke() {
            return new Settings(50, 10, 7L, 1, 5, 1, 3);
        }
    }

    /**
     * What one variant measured: its start on an empty database, the load, and a restart on the loaded one (null for a
     * variant that measures writes only).
     */
    record ServerRun(Variant variant, Started fresh, Loaded load, Started restart) {}

    /** How long a server took to answer its first {@code /fhir/metadata}, and how much memory it held then. */
    record Started(Duration startup, long resident) {

        static Started of(BenchmarkServer server) throws java.io.IOException {
            return new Started(server.startup(), server.residentBytes());
        }
    }

    /**
     * What the server did with the cohort, and what it stored. Queries, answers, reads and the sync phase are null for a
     * variant that measures writes only.
     */
    record Loaded(
            long residentAfterLoad,
            Ingest.Result ingestOneClient,
            Ingest.Result ingestFourClients,
            Map<String, Latencies> queries,
            Map<String, Integer> answers,
            ReadLoad.Result reads,
            Map<String, Integer> stored,
            HospitalRecords.Result hospitalRecords,
            SyncPhase.Result sync,
            ExportPhase.Result export) {}

    private static final Set<String> STUDY_TYPES = Set.of("Organization", "Location", "ResearchStudy");
    private static final List<String> STUDY_ORDER = List.of("Organization", "Location", "ResearchStudy");

    private final Settings settings;

    CohortBenchmark(Settings settings) {
        this.settings = settings;
    }

    List<ServerRun> run() throws Exception {
        List<ServerRun> runs = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            runs.add(run(variant));
        }
        return runs;
    }

    /** The variant's run, then a restart on the data it stored: how long a server with a loaded database takes. */
    private ServerRun run(Variant variant) throws Exception {
        Started fresh;
        Loaded load;
        Path data;
        try (BenchmarkServer server = BenchmarkServer.start(variant)) {
            fresh = Started.of(server);
            load = load(server);
            data = server.data;
        }
        if (variant.writesOnly) {
            return new ServerRun(variant, fresh, load, null);
        }
        try (BenchmarkServer restarted = BenchmarkServer.start(variant, data)) {
            return new ServerRun(variant, fresh, load, Started.of(restarted));
        }
    }

    private Loaded load(BenchmarkServer server) throws Exception {
        Variant variant = server.variant;
        Api admin = server.api(Role.ADMIN);
        List<String> studies = seedStudies(admin);
        Map<String, Integer> before = counts(
                admin,
                Set.of(
                        "Patient",
                        "ResearchSubject",
                        "Procedure",
                        "Specimen",
                        "Observation",
                        "Encounter",
                        "AdverseEvent"));

        Ingest ingest = new Ingest(new CohortGenerator(settings.seed()));
        Api ehr = server.api(Role.EHR);
        int subjects = variant.writesOnly ? settings.writesOnlySubjects() : settings.subjects();
        int firstHalf = subjects / 2;
        boolean mayRefuse = variant.mayRefuse();
        Ingest.Result one = ingest.run(ehr, 0, firstHalf, 1, mayRefuse);
        Ingest.Result four;
        SyncPhase.Result sync = null;
        if (variant.writesOnly) {
            four = ingest.run(ehr, firstHalf, subjects - firstHalf, 4, mayRefuse);
        } else {
            try (SyncPhase phase = SyncPhase.start(server, admin, studies)) {
                four = ingest.run(ehr, firstHalf, subjects - firstHalf, 4, mayRefuse);
                sync = phase.finish();
            }
        }

        Map<String, Integer> after = counts(admin, ingest.generatedByType.keySet());
        Map<String, Integer> stored = new LinkedHashMap<>();
        after.forEach((type, count) -> stored.put(type, count - before.getOrDefault(type, 0)));
        if (!stored.equals(ingest.generatedByType)) {
            throw new IllegalStateException(variant + " stored " + stored + " but was sent " + ingest.generatedByType);
        }

        AnalystQueries.Results queries = null;
        ReadLoad.Result reads = null;
        ExportPhase.Result export = null;
        if (!variant.writesOnly) {
            Api analyst = server.api(Role.ANALYST);
            queries = new AnalystQueries(ingest.mrns).run(analyst, settings.queryWarmUp(), settings.queryRepeats());
            reads = ReadLoad.run(
                    analyst, ingest.observationIds, 4, settings.readWarmUpSeconds(), settings.readSeconds());
            export = ExportPhase.run(analyst, variant.secured());
        }
        // Last, so that the cohort's figures are those of the runs before this phase came.
        HospitalRecords.Result hospital = HospitalRecords.run(ehr, admin, mayRefuse);
        return new Loaded(
                server.residentBytes(),
                one,
                four,
                queries == null ? null : queries.latencies(),
                queries == null ? null : queries.firstAnswers(),
                reads,
                stored,
                hospital,
                sync,
                export);
    }

    /**
     * The studies the cohort is enrolled in, with the organisations and sites they reference, from the guide; returns
     * the studies' references ("ResearchStudy/x").
     */
    private static List<String> seedStudies(Api admin) {
        FhirContext fhir = FhirContext.forR4Cached();
        List<IBaseResource> examples = ImplementationGuide.fromClasspath(fhir).examples(fhir).stream()
                .filter(r -> STUDY_TYPES.contains(r.fhirType()))
                .sorted(java.util.Comparator.comparingInt(r -> STUDY_ORDER.indexOf(r.fhirType())))
                .toList();
        for (IBaseResource example : examples) {
            admin.put(
                    example.fhirType() + "/" + example.getIdElement().getIdPart(),
                    fhir.newJsonParser().encodeResourceToString(example));
        }
        return examples.stream()
                .filter(r -> r.fhirType().equals("ResearchStudy"))
                .map(r -> "ResearchStudy/" + r.getIdElement().getIdPart())
                .toList();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Integer> counts(Api api, Set<String> types) throws Exception {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (String type : types) {
            counts.put(
                    type,
                    JSON.readTree(api.getUncached(type + "?_summary=count"))
                            .path("total")
                            .asInt());
        }
        return counts;
    }
}
