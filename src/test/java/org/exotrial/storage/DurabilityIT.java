package org.exotrial.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exotrial.storage.DatabaseValues.single;

import java.sql.Connection;
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
            assertThat(single(statement, "SHOW fsync")).isEqualTo("on");
            assertThat(single(statement, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(single(statement, "SHOW full_page_writes")).isEqualTo("on");
        }
    }
}
