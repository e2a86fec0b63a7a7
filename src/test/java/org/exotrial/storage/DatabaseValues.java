package org.exotrial.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads what the running server's database reports, for the tests that check its settings. */
final class DatabaseValues {

    private DatabaseValues() {}

    /** The first column of the first row of {@code sql}, e.g. a {@code SHOW} or a single-value {@code SELECT}. */
    static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
