package org.exotrial.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Build-time step: writes the FHIR package {@code hl7.fhir.r4.core#4.0.1} into a FHIR package cache.
 *
 * <p>The FHIR package registry is unreachable from our machines and the core package is not on npm, but
 * {@code hapi-fhir-validation-resources-r4} on Maven Central carries the same definitions as XML bundles.
 * SUSHI (and the HL7 validator in the conformance tests) only need one JSON file per resource plus a
 * {@code package.json}, so that is all we write. Run by exec-maven-plugin; see ig/README.md.
 */
public final class CorePackageWriter {

    static final String PACKAGE_ID = "hl7.fhir.r4.core";
    static final String VERSION = "4.0.1";

    /** Bundles inside hapi-fhir-validation-resources-r4 that together form the R4 core definitions. */
    static final List<String> BUNDLES = List.of(
            "/org/hl7/fhir/r4/model/profile/profiles-types.xml",
            "/org/hl7/fhir/r4/model/profile/profiles-resources.xml",
            "/org/hl7/fhir/r4/model/profile/profiles-others.xml",
            "/org/hl7/fhir/r4/model/extension/extension-definitions.xml",
            "/org/hl7/fhir/r4/model/valueset/valuesets.xml",
            "/org/hl7/fhir/r4/model/valueset/v2-tables.xml",
            "/org/hl7/fhir/r4/model/valueset/v3-codesystems.xml",
            "/org/hl7/fhir/r4/model/sp/search-parameters.json");

    private CorePackageWriter() {}

    /** @param args the package cache folder, e.g. {@code target/fhir-home/.fhir/packages} */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CorePackageWriter <fhir-package-cache-dir>");
        }
        Path packageDir = Path.of(args[0]).resolve(PACKAGE_ID + "#" + VERSION).resolve("package");
        Path manifest = packageDir.resolve("package.json");
        if (Files.exists(manifest)) {
            System.out.println("[IG build] " + PACKAGE_ID + "#" + VERSION + " already in " + packageDir);
            return;
        }
        int count = write(packageDir);
        System.out.println(
                "[IG build] wrote " + count + " resources of " + PACKAGE_ID + "#" + VERSION + " to " + packageDir);
    }

    static int write(Path packageDir) throws IOException {
        Files.createDirectories(packageDir);
        FhirContext ctx = FhirContext.forR4Cached();
        // Lenient: the published bundles carry a few elements HAPI's R4 model does not know; they are irrelevant here.
        IParser xml = ctx.newXmlParser().setParserErrorHandler(new LenientErrorHandler(false));
        IParser jsonIn = ctx.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        IParser jsonOut = ctx.newJsonParser();
        int count = 0;
        for (String name : BUNDLES) {
            try (InputStream in = CorePackageWriter.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException(name + " not on the class path (hapi-fhir-validation-resources-r4 missing?)");
                }
                IParser parser = name.endsWith(".json") ? jsonIn : xml;
                Bundle bundle = parser.parseResource(Bundle.class, new InputStreamReader(in, StandardCharsets.UTF_8));
                for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                    Resource resource = entry.getResource();
                    if (resource == null || !resource.hasIdElement()) {
                        continue;
                    }
                    String type = resource.fhirType();
                    String id = resource.getIdElement().getIdPart();
                    Path file = packageDir.resolve(type + "-" + id + ".json");
                    if (!Files.exists(file)) {
                        Files.writeString(file, jsonOut.encodeResourceToString(resource), StandardCharsets.UTF_8);
                        count++;
                    }
                }
            }
        }
        // Written last, so an interrupted run is redone rather than mistaken for a complete package.
        Files.writeString(
                packageDir.resolve("package.json"),
                "{\n  \"name\": \"" + PACKAGE_ID + "\",\n  \"version\": \"" + VERSION + "\",\n"
                        + "  \"type\": \"Core\",\n  \"fhirVersions\": [\"" + VERSION + "\"],\n"
                        + "  \"canonical\": \"http://hl7.org/fhir\",\n"
                        + "  \"description\": \"FHIR R4 core definitions, rebuilt from hapi-fhir-validation-resources-r4\"\n}\n",
                StandardCharsets.UTF_8);
        return count;
    }
}
