package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exotrial.support.PreparedLaunch;
import org.exotrial.support.ServerProcess;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker image's launch (bin/prepare-launch, decision 36): the extracted jar starts with its class-data sharing
 * archive, takes most of its classes from it, and serves FHIR like the packaged jar.
 */
@Tag("integration")
class PreparedLaunchIT {

    private static final String FROM_ARCHIVE = "source: shared objects file";

    @TempDir
    Path work;

    @Test
    void theExtractedServerStartsWithItsClassesFromTheArchive() throws Exception {
        PreparedLaunch launch = PreparedLaunch.get();
        Path loaded = work.resolve("class-load.log");
        List<String> jvm = new ArrayList<>(launch.jvmOptions());
        jvm.add("-Xmx2g");
        jvm.add("-Xlog:class+load=info:file=" + loaded);

        try (ServerProcess server = ServerProcess.start(launch.jar(), work.resolve("data"), Map.of(), jvm, List.of())) {
            Bundle patients = server.client()
                    .search()
                    .forResource(Patient.class)
                    .returnBundle(Bundle.class)
                    .execute();
            assertThat(patients.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        }

        List<String> classes = Files.readAllLines(loaded);
        assertThat(classes)
                .as("ExoTrial's, HAPI's and Hibernate's classes come from the archive")
                .anyMatch(line -> line.contains("org.exotrial.ExoTrialApplication " + FROM_ARCHIVE))
                .anyMatch(line -> line.contains("ca.uhn.fhir.jpa.dao.BaseHapiFhirResourceDao " + FROM_ARCHIVE))
                .anyMatch(line -> line.contains("org.hibernate.internal.SessionFactoryImpl " + FROM_ARCHIVE));
        long shared =
                classes.stream().filter(line -> line.contains(FROM_ARCHIVE)).count();
        // Without the application archive only the JDK's own archive (about 1,300 classes) would be used.
        assertThat(shared).as("classes from the archive of %s", classes.size()).isGreaterThan(classes.size() * 3 / 4);
    }
}
