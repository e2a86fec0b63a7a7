package org.exotrial.audit.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's own table: one row per AuditEvent, append-only, holding the event as JSON and the values of the
 * parameters admins search it by ({@link AuditRow}). HAPI's resource tables would store each event as a resource, a
 * version and some 25 index rows; the trail was half of all stored resources and 71 % of the token index rows, and
 * writing it cost about a third of the server's read throughput (decision 24, docs/benchmarks.md). Nothing updates
 * or deletes a row: the table has no such code path, and the API refuses writes (docs/security/audit.md).
 */
public final class AuditStore {

    static final String TABLE = "exo_audit_event";

    private static final String COLUMNS =
            "recorded, " + String.join(", ", AuditRow.ARRAY_COLUMNS) + ", legacy_id, resource";

    private static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?"
            + ", ?::text[]".repeat(AuditRow.ARRAY_COLUMNS.size()) + ", ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final FhirContext fhir;

    /** Plain JDBC on the server's pool, with transactions of its own: the trail's writes need nothing of JPA's. */
    public AuditStore(DataSource dataSource, FhirContext fhir) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.fhir = fhir;
    }

    /**
     * Creates the table and its indexes if they are missing (idempotent, run at every start). GIN indexes serve the
     * parameters that pick out few events among many (a patient, a resource, a name, a client, a role); the others
     * (action, outcome, types) narrow searches that one of those, or the date, already selects.
     */
    public void createIfMissing() {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "id BIGSERIAL PRIMARY KEY, recorded TIMESTAMPTZ NOT NULL, stored TIMESTAMPTZ NOT NULL DEFAULT now()");
        AuditRow.ARRAY_COLUMNS.forEach(column -> ddl.append(", ").append(column).append(" TEXT[] NOT NULL"));
        ddl.append(", legacy_id VARCHAR(100) UNIQUE, resource TEXT NOT NULL)");
        jdbc.execute(ddl.toString());
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_recorded ON " + TABLE + " (recorded)");
        for (String column : List.of("patient", "entity", "entity_name", "altid", "agent_role")) {
            jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_" + column + " ON " + TABLE + " USING GIN (" + column
                    + ")");
        }
    }

    /** Stores the events in one transaction: all or none. */
    public void append(List<AuditEvent> events) {
        appendAll(events, null);
    }

    /** Stores events copied from HAPI's tables, each with its old id; one already copied is skipped. */
    void appendLegacy(List<AuditEvent> events, List<String> legacyIds) {
        appendAll(events, legacyIds);
    }

    private void appendAll(List<AuditEvent> events, List<String> legacyIds) {
        if (events.isEmpty()) {
            return;
        }
        var parser = fhir.newJsonParser();
        List<Object[]> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            if (!event.hasRecorded()) {
                event.setRecorded(new Date());
            }
            AuditRow row = AuditRow.of(event);
            List<Object> values = new ArrayList<>();
            values.add(Timestamp.from(row.recorded()));
            row.arrays().forEach(array -> values.add(array.toArray(String[]::new)));
            values.add(legacyIds == null ? null : legacyIds.get(i));
            values.add(parser.encodeResourceToString(event));
            rows.add(values.toArray());
        }
        String sql = legacyIds == null ? INSERT : INSERT + " ON CONFLICT (legacy_id) DO NOTHING";
        transactions.executeWithoutResult(status -> jdbc.batchUpdate(sql, rows));
    }

    public AuditEvent read(IdType id) {
        return jdbc
                .query("SELECT id, stored, resource FROM " + TABLE + " WHERE id = ?", events(), number(id.getIdPart()))
                .stream()
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /** The order of search results: as stored (the default), or by {@code recorded}. */
    enum Order {
        STORED(" ORDER BY id"),
        RECORDED(" ORDER BY recorded, id"),
        RECORDED_NEWEST_FIRST(" ORDER BY recorded DESC, id DESC");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    List<AuditEvent> search(AuditSearch criteria, Order order, int offset, int count) {
        Object[] where = criteria.args();
        Object[] args = new Object[where.length + 2];
        System.arraycopy(where, 0, args, 0, where.length);
        args[where.length] = count;
        args[where.length + 1] = offset;
        return jdbc.query(
                "SELECT id, stored, resource FROM " + TABLE + criteria.where() + order.sql + " LIMIT ? OFFSET ?",
                events(),
                args);
    }

    int count(AuditSearch criteria) {
        Integer count =
                jdbc.queryForObject("SELECT count(*) FROM " + TABLE + criteria.where(), Integer.class, criteria.args());
        return count == null ? 0 : count;
    }

    /** Ids of events copied from HAPI's tables so far. */
    int legacyCount() {
        Integer count = jdbc.queryForObject("SELECT count(legacy_id) FROM " + TABLE, Integer.class);
        return count == null ? 0 : count;
    }

    private RowMapper<AuditEvent> events() {
        var parser = fhir.newJsonParser();
        return (ResultSet rs, int row) -> {
            AuditEvent event = parser.parseResource(AuditEvent.class, rs.getString("resource"));
            event.setId(new IdType("AuditEvent", rs.getString("id"), "1"));
            event.getMeta().setVersionId("1").setLastUpdated(rs.getTimestamp("stored"));
            return event;
        };
    }

    /** An event's id is its row number; anything else cannot name one. */
    static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
