package org.exotrial.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Puts the statistics of HAPI's reference table back to PostgreSQL's default depth (part of {@code exotrial.tuning},
 * decision 28).
 *
 * <p>HAPI's migration keeps the 10,000 most common values of {@code HFJ_RES_LINK}'s source and target ids. When a
 * search joins that table to an index table (a chain, {@code _has}, {@code _include}), PostgreSQL estimates the join
 * by comparing the most-common-value lists of both sides pair by pair, so every such statement took 10-20 ms to plan
 * and under 1 ms to run (10,000-participant benchmark database). With the default depth of 100 planning takes about
 * 1 ms and the plans stay the same. The ids are spread almost evenly (each patient is referenced a few dozen times),
 * so the deep lists bought no better estimates. HAPI's hash columns keep their deep lists: they are compared with
 * one constant, which costs nothing.
 */
final class LinkStatistics {

    private static final Logger log = LoggerFactory.getLogger(LinkStatistics.class);
    private static final String TABLE = "hfj_res_link";
    private static final List<String> COLUMNS = List.of("src_resource_id", "target_resource_id");

    private LinkStatistics() {}

    /** Idempotent: only columns with another target are changed, and the table is analysed only then. */
    static void applyDefaultDepth(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            List<String> columns = columnsWithOwnTarget(statement);
            if (columns.isEmpty()) {
                return;
            }
            for (String column : columns) {
                statement.execute("ALTER TABLE " + TABLE + " ALTER COLUMN " + column + " SET STATISTICS -1");
            }
            // New statistics now rather than at the next autovacuum: with the default depth ANALYZE samples 30,000
            // rows, about a second on the 10,000-participant database.
            statement.execute("ANALYZE " + TABLE);
            log.info("Statistics of {} {} set to PostgreSQL's default depth and analysed", TABLE, columns);
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("Could not set the statistics depth of " + TABLE, e);
        }
    }

    private static List<String> columnsWithOwnTarget(Statement statement) throws SQLException {
        // attstattarget is -1 for the default up to PostgreSQL 16 and NULL from 17.
        String inList = String.join("','", COLUMNS);
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = '" + TABLE
                + "'::regclass AND attname IN ('" + inList + "') AND COALESCE(attstattarget, -1) <> -1")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }
}
