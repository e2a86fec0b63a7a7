package org.exotrial.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.exotrial.support.ServerProcess;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's own PostgreSQL, passed in through the standard Spring variables, is used instead of the embedded one. */
@Tag("integration")
class ExternalDatabaseIT {

    @TempDir
    Path dataDir;

    @Test
    void serverStoresIntoTheDatabaseGivenBySpringVariables() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            try (Connection c = external.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE USER exotrial WITH PASSWORD 's3cret'");
                c.createStatement().execute("CREATE DATABASE trialdb OWNER exotrial");
            }
            String url = "jdbc:postgresql://localhost:" + external.getPort() + "/trialdb";
            Map<String, String> env = Map.of(
                    "SPRING_DATASOURCE_URL", url,
                    "SPRING_DATASOURCE_USERNAME", "exotrial",
                    "SPRING_DATASOURCE_PASSWORD", "s3cret");

            try (ServerProcess server = ServerProcess.start(dataDir, env)) {
                Patient patient = new Patient();
                patient.addIdentifier()
                        .setSystem("https://exotrial.org/fhir/sid/mrn")
                        .setValue("external-1");
                server.client().create().resource(patient).execute();
            }

            try (Connection c = external.getDatabase("exotrial", "trialdb").getConnection();
                    ResultSet rs = c.createStatement()
                            .executeQuery("SELECT count(*) FROM hfj_resource WHERE res_type = 'Patient'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(dataDir.resolve("postgres"))
                    .as("no embedded cluster was started")
                    .doesNotExist();
        }
    }
}
