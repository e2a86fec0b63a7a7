package org.exotrial.ig;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.npm.NpmPackage;

/**
 * The ExoTrial implementation guide as built into the jar ({@code classpath:ig/exotrial.ig.tgz}): its profiles, and
 * its examples, which are also the demo data.
 */
public final class ImplementationGuide {

    public static final String CLASSPATH_LOCATION = "ig/exotrial.ig.tgz";
    public static final String CANONICAL = "https://exotrial.org/fhir";
    public static final String PROFILE_BASE = CANONICAL + "/StructureDefinition/";

    private final NpmPackage npm;
    private final byte[] bytes;
    private final Map<String, Set<String>> profilesByType;

    private ImplementationGuide(byte[] bytes, NpmPackage npm, Map<String, Set<String>> profilesByType) {
        this.bytes = bytes;
        this.npm = npm;
        this.profilesByType = profilesByType;
    }

    public static ImplementationGuide fromClasspath(FhirContext fhir) {
        try (InputStream in = ImplementationGuide.class.getClassLoader().getResourceAsStream(CLASSPATH_LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_LOCATION
                        + " is not on the class path: build with `mvn package` (it runs SUSHI on ig/)");
            }
            byte[] bytes = in.readAllBytes();
            NpmPackage npm = NpmPackage.fromPackage(new java.io.ByteArrayInputStream(bytes));
            return new ImplementationGuide(bytes, npm, readProfiles(fhir, npm));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + CLASSPATH_LOCATION, e);
        }
    }

    public String name() {
        return npm.name();
    }

    public String version() {
        return npm.version();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Profile canonical URLs by the resource type they constrain. */
    public Map<String, Set<String>> profilesByType() {
        return profilesByType;
    }

    public int profileCount() {
        return profilesByType.values().stream().mapToInt(Set::size).sum();
    }

    /** The package's examples (demo data), parsed. */
    public List<IBaseResource> examples(FhirContext fhir) {
        try {
            List<String> files = npm.list("example").stream()
                    .filter(file -> file.endsWith(".json") && !file.startsWith("."))
                    .toList();
            return parse(fhir, "example", files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package's conformance resources of one type (SearchParameter, ValueSet, ...), parsed. */
    public List<IBaseResource> definitions(FhirContext fhir, String type) {
        try {
            return parse(fhir, "package", npm.listResources(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The package's non-resource JSON files in {@code package/other/} by file name: the trial's SQL-on-FHIR
     * ViewDefinitions ({@code ig/input/views}), which are not R4 resources and so cannot be parsed as such.
     */
    public Map<String, String> otherJson() {
        try {
            Map<String, String> files = new TreeMap<>();
            if (!npm.getFolders().containsKey("other")) {
                return files;
            }
            for (String file : npm.list("other")) {
                if (file.endsWith(".json") && !file.startsWith(".")) {
                    try (InputStream in = npm.load("other", file)) {
                        files.put(file, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<IBaseResource> parse(FhirContext fhir, String folder, List<String> files) throws IOException {
        List<IBaseResource> resources = new ArrayList<>();
        for (String file : files) {
            try (InputStream in = npm.load(folder, file)) {
                resources.add(fhir.newJsonParser().parseResource(in));
            }
        }
        return resources;
    }

    private static Map<String, Set<String>> readProfiles(FhirContext fhir, NpmPackage npm) throws IOException {
        Map<String, Set<String>> byType = new TreeMap<>();
        for (String file : npm.listResources("StructureDefinition")) {
            try (InputStream in = npm.loadResource(file)) {
                var sd = (StructureDefinition) fhir.newJsonParser().parseResource(in);
                if (sd.getKind() == StructureDefinition.StructureDefinitionKind.RESOURCE
                        && sd.getDerivation() == StructureDefinition.TypeDerivationRule.CONSTRAINT) {
                    byType.computeIfAbsent(sd.getType(), t -> new TreeSet<>()).add(sd.getUrl());
                }
            }
        }
        return byType;
    }
}
