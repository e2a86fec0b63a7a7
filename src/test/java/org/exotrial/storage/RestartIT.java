package org.exotrial.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.exotrial.support.ServerProcess;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database keeps committed data across a clean restart and across a kill -9 of the server. */
@Tag("integration")
class RestartIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String MRN = "https://exotrial.org/fhir/sid/mrn";

    @TempDir
    Path dataDir;

    @Test
    void committedDataSurvivesRestartAndKill() throws Exception {
        String beforeRestart;
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            beforeRestart = createPatient(server, "Ahmadi", "restart-1");
            searchByName(server, "Ahmadi");
            server.stop();
            assertThat(server.log()).as("no patient data in the logs").doesNotContain("Ahmadi", "restart-1");
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("a graceful shutdown stops PostgreSQL cleanly")
                .doesNotExist();

        String beforeKill;
        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            assertThat(readFamily(server, beforeRestart)).isEqualTo("Ahmadi");
            beforeKill = createPatient(server, "Bahrami", "restart-2");
            server.kill();
        }
        assertThat(dataDir.resolve("postgres/postmaster.pid"))
                .as("kill -9 leaves the embedded PostgreSQL behind")
                .exists();

        try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
            assertThat(readFamily(server, beforeRestart)).isEqualTo("Ahmadi");
            assertThat(readFamily(server, beforeKill)).isEqualTo("Bahrami");
        }
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).isFalse();
    }

    private static IGenericClient client(ServerProcess server) throws Exception {
        return server.client();
    }

    private static String createPatient(ServerProcess server, String family, String mrn) throws Exception {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.addName().setFamily(family);
        return client(server).create().resource(patient).execute().getId().getIdPart();
    }

    private static void searchByName(ServerProcess server, String family) throws Exception {
        Bundle found = client(server)
                .search()
                .forResource(Patient.class)
                .where(Patient.FAMILY.matches().value(family))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
    }

    private static String readFamily(ServerProcess server, String id) throws Exception {
        return client(server)
                .read()
                .resource(Patient.class)
                .withId(id)
                .execute()
                .getNameFirstRep()
                .getFamily();
    }
}
