package org.exotrial.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded PostgreSQL is the server's default store, so an acknowledged write must survive a power loss: the
 * connections the server writes through run with PostgreSQL's durable settings, not the embedded library's test
 * defaults (decision 34). A crash of the machine itself cannot be staged in a test; these settings are what decides
 * whether it loses data.
 */
class DurabilityIT extends ServerIT {

    @Autowired
    DataSource dataSource;

    @Test
    void walIsSyncedToDiskAtEveryCommit() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(show(statement, "fsync")).isEqualTo("on");
            assertThat(show(statement, "synchronous_commit")).isEqualTo("on");
            assertThat(show(statement, "full_page_writes")).isEqualTo("on");
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
