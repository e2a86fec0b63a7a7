package org.exotrial.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CohortCommandTest {

    final FhirContext ctx = FhirContext.forR4Cached();

    @Test
    void writesOneBundleFilePerParticipant(@TempDir Path dir) throws Exception {
        assertThat(CohortCommand.run(new String[] {"--subjects=3", "--seed=5", "--from=10", "--out=" + dir}))
                .isZero();
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("participant-000010.json", "participant-000011.json", "participant-000012.json");
        }
        String written = Files.readString(dir.resolve("participant-000011.json"));
        assertThat(written)
                .isEqualTo(ctx.newJsonParser().encodeResourceToString(new CohortGenerator(5).participant(11)));
    }

    @Test
    void writesNdjsonToStandardOutputAndNothingElse() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(CohortCommand.run(new String[] {"--subjects=2", "--seed=5"}))
                    .isZero();
        } finally {
            System.setOut(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(ctx.newJsonParser().parseResource(Bundle.class, line).getType())
                    .isEqualTo(Bundle.BundleType.TRANSACTION);
        }
    }

    @Test
    void refusesMissingSubjectCount() throws Exception {
        assertThat(CohortCommand.run(new String[] {"--seed=5"})).isEqualTo(2);
    }
}
