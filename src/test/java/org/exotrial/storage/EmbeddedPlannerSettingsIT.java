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
 * The embedded cluster runs with the planner setting of {@code exotrial.tuning} (on by default): the connections
 * HAPI's searches use see it, not only a fresh session.
 */
class EmbeddedPlannerSettingsIT extends ServerIT {

    @Autowired
    DataSource dataSource;

    @Test
    void searchesArePlannedWithTheirParameterValues() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(show(connection, "plan_cache_mode")).isEqualTo("force_custom_plan");
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }
}
