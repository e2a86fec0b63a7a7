package org.exotrial.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nobody else on the machine can log in to the embedded PostgreSQL (decision 35): the running server's cluster refuses
 * a connection without its password, and the password is readable by the server's user only.
 */
class ClusterAccessIT extends ServerIT {

    @Autowired
    DataSource dataSource;

    @Autowired
    DataProperties data;

    @Test
    void aConnectionWithoutThePasswordIsRefused() throws SQLException {
        String url = clusterUrl();

        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, "postgres", null).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() ->
                        DriverManager.getConnection(url, "postgres", "guess").close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void thePasswordIsTheServersToRead() throws Exception {
        Path file = data.dir().resolve("postgres.password");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (Connection connection = DriverManager.getConnection(
                clusterUrl(), "postgres", Files.readString(file).strip())) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    private String clusterUrl() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getURL();
        }
    }
}
