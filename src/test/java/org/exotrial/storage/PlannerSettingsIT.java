package org.exotrial.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.exotrial.storage.DatabaseValues.single;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The database-facing parts of {@code exotrial.tuning} (on by default) on the running server's database: the
 * connections HAPI's searches use see them, not only a fresh session, and autovacuum acts on them.
 */
class PlannerSettingsIT extends ServerIT {

    private static final int DEFAULT_DEPTH = -1;

    @Autowired
    DataSource dataSource;

    @Test
    void searchesArePlannedWithTheirParameterValues() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW plan_cache_mode")).isEqualTo("force_custom_plan");
        }
    }

    @Test
    void referenceIdsKeepPostgresDefaultStatisticsDepthAfterHapisMigration() throws SQLException {
        // HAPI's migration sets 10,000 on both columns; the server resets them when it starts.
        assertThat(linkTargets())
                .containsOnly(
                        Map.entry("src_resource_id", DEFAULT_DEPTH), Map.entry("target_resource_id", DEFAULT_DEPTH));
    }

    @Test
    void aDeepTargetSetLaterIsResetAndAnalysed() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE hfj_res_link ALTER COLUMN target_resource_id SET STATISTICS 10000");
            statement.execute("SELECT pg_stat_reset_single_table_counters('hfj_res_link'::regclass)");
        }
        assertThat(linkTargets()).containsEntry("target_resource_id", 10000);

        LinkStatistics.applyDefaultDepth(dataSource);

        assertThat(linkTargets()).containsEntry("target_resource_id", DEFAULT_DEPTH);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            assertThat(single(
                            statement, "SELECT analyze_count FROM pg_stat_user_tables WHERE relname = 'hfj_res_link'"))
                    .isEqualTo("1");
        }
    }

    @Test
    void aTableThatGrowsByMoreThanOnePercentIsVacuumedSoon() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE exo_growth_probe (id bigint)");
            try {
                statement.execute("INSERT INTO exo_growth_probe SELECT generate_series(1, 200000)");
                // A backend reports its row counts when it is next idle; they must not arrive after the VACUUM.
                statement.execute("SELECT pg_stat_force_next_flush()");
                statement.execute("VACUUM exo_growth_probe");
                assertThat(single(
                                statement,
                                "SELECT n_ins_since_vacuum FROM pg_stat_user_tables"
                                        + " WHERE relname = 'exo_growth_probe'"))
                        .isEqualTo("0");
                String before = autovacuums(statement);
                // PostgreSQL's default waits for 1,000 + 20 % = 41,000 new rows; ExoTrial's for 1,000 + 1 % = 3,000.
                statement.execute("INSERT INTO exo_growth_probe SELECT generate_series(1, 5000)");
                statement.execute("SELECT pg_stat_force_next_flush()");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (autovacuums(statement).equals(before) && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                assertThat(autovacuums(statement)).isNotEqualTo(before);
            } finally {
                statement.execute("DROP TABLE exo_growth_probe");
            }
        }
    }

    private static String autovacuums(Statement statement) throws SQLException {
        return single(statement, "SELECT autovacuum_count FROM pg_stat_user_tables WHERE relname = 'exo_growth_probe'");
    }

    private Map<String, Integer> linkTargets() throws SQLException {
        Map<String, Integer> targets = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT attname, COALESCE(attstattarget, -1) FROM pg_attribute"
                        + " WHERE attrelid = 'hfj_res_link'::regclass"
                        + " AND attname IN ('src_resource_id', 'target_resource_id')")) {
            while (rows.next()) {
                targets.put(rows.getString(1), rows.getInt(2));
            }
        }
        return targets;
    }
}
