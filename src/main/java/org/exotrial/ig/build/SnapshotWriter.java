package org.exotrial.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Build-time step (decision 40): gives every StructureDefinition SUSHI wrote its snapshot, before the package is packed.
 *
 * <p>SUSHI publishes differentials only, so the server generated the snapshots itself, twice on a fresh start: HAPI's
 * package installer for the stored profiles (about 3 s of a fresh start's main thread) and the validator for its chain
 * at every start. A published FHIR package carries its snapshots (the IG Publisher writes them), and then both skip the
 * work. Generated with HAPI's own snapshot generator and the same R4 core definitions the server uses. Run by
 * exec-maven-plugin between SUSHI and packing; see ig/README.md.
 */
public final class SnapshotWriter {

    private SnapshotWriter() {}

    /** @param args the directory of SUSHI's generated resources, e.g. {@code target/ig-sushi/fsh-generated/resources} */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SnapshotWriter <sushi resources dir>");
        }
        int written = write(Path.of(args[0]));
        System.out.println("[IG build] generated " + written + " StructureDefinition snapshots in " + args[0]);
    }

    /** Adds the snapshot to each StructureDefinition file in {@code dir} that has none; returns how many it wrote. */
    static int write(Path dir) throws IOException {
        FhirContext fhir = FhirContext.forR4Cached();
        IParser parser = fhir.newJsonParser().setPrettyPrint(true);
        Map<Path, StructureDefinition> definitions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file :
                    files.filter(SnapshotWriter::isStructureDefinition).sorted().toList()) {
                definitions.put(
                        file,
                        parser.parseResource(
                                StructureDefinition.class, Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        // The guide's own definitions first, so that a profile on another of the guide's profiles finds its base here.
        PrePopulatedValidationSupport guide = new PrePopulatedValidationSupport(fhir);
        definitions.values().forEach(guide::addStructureDefinition);
        // Snapshot generation only looks definitions up; it asks no terminology question, so no terminology support.
        ValidationSupportChain chain = new ValidationSupportChain(
                guide, new DefaultProfileValidationSupport(fhir), new SnapshotGeneratingValidationSupport(fhir));
        ValidationSupportContext context = new ValidationSupportContext(chain);
        List<String> failed = new ArrayList<>();
        int written = 0;
        for (Map.Entry<Path, StructureDefinition> entry : definitions.entrySet()) {
            StructureDefinition definition = entry.getValue();
            if (definition.hasSnapshot()) {
                continue;
            }
            StructureDefinition withSnapshot;
            try {
                withSnapshot = (StructureDefinition)
                        chain.generateSnapshot(context, definition, definition.getUrl(), null, definition.getName());
            } catch (RuntimeException e) {
                failed.add(definition.getUrl() + " (" + e.getMessage() + ")");
                continue;
            }
            if (withSnapshot == null || !withSnapshot.hasSnapshot()) {
                failed.add(definition.getUrl());
                continue;
            }
            Files.writeString(entry.getKey(), parser.encodeResourceToString(withSnapshot), StandardCharsets.UTF_8);
            written++;
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("No snapshot could be generated for " + failed);
        }
        return written;
    }

    private static boolean isStructureDefinition(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("StructureDefinition-") && name.endsWith(".json");
    }
}
