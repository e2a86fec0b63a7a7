package org.exotrial.cohort;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code java -jar exotrial-server.jar cohort --subjects=N [--seed=S] [--from=F] [--out=DIR]}: writes participants
 * F..F+N-1 as transaction bundles, one JSON file each in DIR ({@code participant-000123.json}), or as NDJSON (one
 * bundle a line) on standard output without {@code --out}. POST each bundle to the server's base URL; the studies
 * must exist there (demo mode loads them).
 */
public final class CohortCommand {

    static final long DEFAULT_SEED = 1;

    private CohortCommand() {}

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    /** {@code args}: the options, without the sub-command's name. */
    public static int run(String[] args) throws IOException {
        Map<String, String> options;
        int subjects;
        long seed;
        int from;
        try {
            options = Arrays.stream(args)
                    .map(arg -> {
                        if (!arg.startsWith("--") || !arg.contains("=")) {
                            throw new IllegalArgumentException("not an option: " + arg);
                        }
                        return arg;
                    })
                    .collect(Collectors.toMap(
                            arg -> arg.substring(2, arg.indexOf('=')), arg -> arg.substring(arg.indexOf('=') + 1)));
            subjects = Integer.parseInt(options.getOrDefault("subjects", "-1"));
            seed = Long.parseLong(options.getOrDefault("seed", String.valueOf(DEFAULT_SEED)));
            from = Integer.parseInt(options.getOrDefault("from", "0"));
            if (subjects < 0 || from < 0) {
                throw new IllegalArgumentException("--subjects is required, and neither it nor --from may be negative");
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: cohort --subjects=N [--seed=S] [--from=F] [--out=DIR]");
            return 2;
        }
        // Standard output carries the bundles; HAPI's start-up log lines would corrupt the NDJSON. Logback's default
        // console appender writes to whatever System.out is at the time, so point it at standard error meanwhile.
        PrintStream data = System.out;
        System.setOut(System.err);
        try {
            return write(new CohortGenerator(seed), from, subjects, options.get("out"), data);
        } finally {
            System.setOut(data);
        }
    }

    private static int write(CohortGenerator generator, int from, int subjects, String out, PrintStream data)
            throws IOException {
        IParser json = FhirContext.forR4Cached().newJsonParser();
        if (out == null) {
            Writer stdout = new BufferedWriter(new OutputStreamWriter(data, StandardCharsets.UTF_8));
            for (int i = from; i < from + subjects; i++) {
                stdout.write(json.encodeResourceToString(generator.participant(i)));
                stdout.write('\n');
            }
            stdout.flush();
            return 0;
        }
        Path dir = Files.createDirectories(Path.of(out));
        for (int i = from; i < from + subjects; i++) {
            Path file = dir.resolve(String.format(Locale.ROOT, "participant-%06d.json", i));
            Files.writeString(file, json.encodeResourceToString(generator.participant(i)), StandardCharsets.UTF_8);
        }
        System.err.println("wrote " + subjects + " participant bundles (seed " + generator.seed() + ") to " + dir);
        return 0;
    }
}
