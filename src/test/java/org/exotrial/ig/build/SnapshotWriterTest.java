package org.exotrial.ig.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void aDifferentialGetsItsSnapshotAndAProfileOnItFindsItsBaseInTheSameFolder(@TempDir Path dir) throws Exception {
        // The derived profile's file sorts first, so its base has no snapshot yet when the derived one is generated.
        write(dir, profile("z-base-patient", "http://hl7.org/fhir/StructureDefinition/Patient", "Patient.birthDate"));
        write(
                dir,
                profile("derived-patient", "https://example.org/StructureDefinition/z-base-patient", "Patient.gender"));
        Files.writeString(dir.resolve("Patient-example.json"), "{\"resourceType\":\"Patient\"}");

        assertThat(SnapshotWriter.write(dir)).isEqualTo(2);

        StructureDefinition derived = read(dir, "derived-patient");
        assertThat(derived.getSnapshot().getElement())
                .filteredOn(e ->
                        e.getPath().equals("Patient.birthDate") || e.getPath().equals("Patient.gender"))
                .extracting(e -> e.getMin())
                .containsOnly(1);
        assertThat(derived.getDifferential().getElement()).hasSize(1);
        assertThat(Files.readString(dir.resolve("Patient-example.json"))).isEqualTo("{\"resourceType\":\"Patient\"}");
        // Run again (an incremental build): nothing is rewritten.
        assertThat(SnapshotWriter.write(dir)).isZero();
    }

    @Test
    void aProfileWhoseBaseIsUnknownFailsTheBuild(@TempDir Path dir) throws Exception {
        write(dir, profile("orphan", "https://example.org/StructureDefinition/missing", "Patient.gender"));

        assertThatThrownBy(() -> SnapshotWriter.write(dir))
                .hasMessageContaining("https://example.org/StructureDefinition/orphan")
                .hasMessageContaining("Unknown base definition: https://example.org/StructureDefinition/missing");
    }

    @Test
    void everyProfileInThePackagedGuideHasItsSnapshot() {
        var definitions = ImplementationGuide.fromClasspath(FHIR).definitions(FHIR, "StructureDefinition");
        assertThat(definitions).isNotEmpty().allSatisfy(d -> assertThat(((StructureDefinition) d).hasSnapshot())
                .as(((StructureDefinition) d).getUrl())
                .isTrue());
    }

    private static StructureDefinition profile(String id, String base, String requiredPath) {
        StructureDefinition sd = new StructureDefinition();
        sd.setId(id);
        sd.setUrl("https://example.org/StructureDefinition/" + id);
        sd.setName(id.replace("-", ""));
        sd.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        sd.setFhirVersion(org.hl7.fhir.r4.model.Enumerations.FHIRVersion._4_0_1);
        sd.setKind(StructureDefinition.StructureDefinitionKind.RESOURCE);
        sd.setAbstract(false);
        sd.setType("Patient");
        sd.setBaseDefinition(base);
        sd.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        sd.getDifferential().addElement().setPath(requiredPath).setMin(1).setId(requiredPath);
        return sd;
    }

    private static void write(Path dir, StructureDefinition sd) throws Exception {
        Files.writeString(
                dir.resolve("StructureDefinition-" + sd.getIdElement().getIdPart() + ".json"),
                FHIR.newJsonParser().encodeResourceToString(sd));
    }

    private static StructureDefinition read(Path dir, String id) throws Exception {
        return FHIR.newJsonParser()
                .parseResource(
                        StructureDefinition.class,
                        Files.readString(dir.resolve("StructureDefinition-" + id + ".json")));
    }
}
