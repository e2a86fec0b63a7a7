package org.exotrial.sync;

import static org.exotrial.sync.SyncStore.CURSORS;
import static org.exotrial.sync.SyncStore.EVENTS;
import static org.exotrial.sync.SyncStore.SUBSCRIPTIONS;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The delivery side of the sync tables: which cursors are due, leases on them, and what a delivery attempt changed.
 * Each statement runs on its own (autocommit): a lease is committed before anything is sent, and nothing is held open
 * while a receiver answers.
 *
 * <p>Several server processes may share one database. A cursor is claimed with {@code FOR UPDATE SKIP LOCKED} and a
 * lease (owner, token, expiry); a delivery is acknowledged only under the lease it was claimed with, so a node whose
 * lease expired (a stall, a kill mid-send) cannot move a cursor that another node has since taken over.
 */
final class DeliveryStore {

    /** What a delivery needs of a claimed cursor and its subscription. */
    private static final String CLAIMED_COLUMNS = "s.subscription_id, s.owner_client_id, s.owner_role,"
            + " s.owner_scopes, s.topic_url, s.content, s.status, s.endpoint, s.headers, s.heartbeat_s, s.timeout_s,"
            + " s.max_count, s.last_event_number, c.delivered_through, c.handshake_due, c.last_sent_at, c.attempts,"
            + " c.first_failure_at, c.last_error, c.lease_token";

    private final JdbcTemplate jdbc;

    DeliveryStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** When each event was delivered, for retention: only delivered events are deleted, and only long after. */
    void createIfMissing() {
        jdbc.execute("ALTER TABLE " + EVENTS + " ADD COLUMN IF NOT EXISTS delivered_at TIMESTAMPTZ");
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + EVENTS + "_delivered_at ON " + EVENTS + " (delivered_at)");
    }

    /**
     * Leases up to {@code limit} due cursors to {@code node} for {@code lease} and returns them. Due: the subscription
     * is requested or active, the cursor is not backing off nor leased, and there is something to send: a handshake,
     * undelivered events, or a heartbeat.
     */
    List<Claim> claim(String node, Duration lease, int limit) {
        List<String> ids = jdbc.queryForList(
                "WITH due AS (SELECT c.subscription_id FROM " + CURSORS + " c JOIN " + SUBSCRIPTIONS + " s"
                        + " ON s.subscription_id = c.subscription_id"
                        + " WHERE s.status IN ('requested', 'active')"
                        + " AND (c.next_attempt_at IS NULL OR c.next_attempt_at <= now())"
                        + " AND (c.lease_until IS NULL OR c.lease_until < now())"
                        + " AND (c.handshake_due OR s.status = 'requested'"
                        + "  OR s.last_event_number > c.delivered_through"
                        + "  OR (s.heartbeat_s IS NOT NULL AND (c.last_sent_at IS NULL"
                        + "   OR c.last_sent_at <= now() - s.heartbeat_s * interval '1 second')))"
                        + " ORDER BY c.next_attempt_at NULLS FIRST, c.subscription_id"
                        + " LIMIT ? FOR UPDATE OF c SKIP LOCKED)"
                        + " UPDATE " + CURSORS + " c SET lease_owner = ?, lease_token = c.lease_token + 1,"
                        + " lease_until = now() + ? * interval '1 millisecond'"
                        + " FROM due WHERE c.subscription_id = due.subscription_id RETURNING c.subscription_id",
                String.class,
                limit,
                node,
                lease.toMillis());
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(
                "SELECT " + CLAIMED_COLUMNS + " FROM " + CURSORS + " c JOIN " + SUBSCRIPTIONS + " s"
                        + " ON s.subscription_id = c.subscription_id"
                        + " WHERE c.subscription_id = ANY (?::text[]) AND c.lease_owner = ?",
                claims(),
                ids.toArray(String[]::new),
                node);
    }

    /**
     * A delivery succeeded: the cursor moves to {@code deliveredThrough}, a handshake is no longer due, failures are
     * forgotten, the lease is released. False when the lease was lost (another node owns the cursor now): nothing
     * changed, and the other node will send these events again (at-least-once; receivers de-duplicate by number).
     */
    boolean delivered(Claim claim, String node, long deliveredThrough, boolean handshake) {
        int updated = jdbc.update(
                "UPDATE " + CURSORS + " SET delivered_through = GREATEST(delivered_through, ?),"
                        + " handshake_due = handshake_due AND NOT ?, last_sent_at = now(), next_attempt_at = NULL,"
                        + " attempts = 0, first_failure_at = NULL, last_error = NULL, lease_owner = NULL,"
                        + " lease_until = NULL WHERE subscription_id = ? AND lease_owner = ? AND lease_token = ?",
                deliveredThrough,
                handshake,
                claim.subscriptionId(),
                node,
                claim.leaseToken());
        if (updated == 1 && deliveredThrough > claim.deliveredThrough()) {
            jdbc.update(
                    "UPDATE " + EVENTS + " SET delivered_at = now() WHERE subscription_id = ?"
                            + " AND event_number > ? AND event_number <= ? AND delivered_at IS NULL",
                    claim.subscriptionId(),
                    claim.deliveredThrough(),
                    deliveredThrough);
        }
        return updated == 1;
    }

    /**
     * A delivery failed: one more failure, the next attempt after {@code retryIn}, the lease released. Returns the
     * first failure of this run of failures, or empty when the lease was lost.
     */
    Optional<Instant> failed(Claim claim, String node, String error, Duration retryIn) {
        List<Timestamp> first = jdbc.queryForList(
                "UPDATE " + CURSORS + " SET attempts = attempts + 1, first_failure_at = COALESCE(first_failure_at,"
                        + " now()), last_error = ?, next_attempt_at = now() + ? * interval '1 millisecond',"
                        + " lease_owner = NULL, lease_until = NULL"
                        + " WHERE subscription_id = ? AND lease_owner = ? AND lease_token = ?"
                        + " RETURNING first_failure_at",
                Timestamp.class,
                error,
                retryIn.toMillis(),
                claim.subscriptionId(),
                node,
                claim.leaseToken());
        return first.stream().findFirst().map(Timestamp::toInstant);
    }

    /** Sets the subscription's status if it is still {@code from} (the owner may have changed it meanwhile). */
    boolean changeStatus(String subscriptionId, String from, String to) {
        return jdbc.update(
                        "UPDATE " + SUBSCRIPTIONS + " SET status = ?, updated_at = now()"
                                + " WHERE subscription_id = ? AND status = ?",
                        to,
                        subscriptionId,
                        from)
                == 1;
    }

    /** The subscription's row and cursor, for {@code $status} and {@code $events}. */
    Optional<Claim> state(String subscriptionId) {
        return jdbc
                .query(
                        "SELECT " + CLAIMED_COLUMNS + " FROM " + CURSORS + " c JOIN " + SUBSCRIPTIONS + " s"
                                + " ON s.subscription_id = c.subscription_id WHERE c.subscription_id = ?",
                        claims(),
                        subscriptionId)
                .stream()
                .findFirst();
    }

    /** Deletes the events delivered before {@code before}; undelivered events are kept whatever their age. */
    int deleteDeliveredBefore(Instant before) {
        return jdbc.update(
                "DELETE FROM " + EVENTS + " WHERE delivered_at IS NOT NULL AND delivered_at < ?",
                Timestamp.from(before));
    }

    private static RowMapper<Claim> claims() {
        return (rs, row) -> new Claim(
                rs.getString("subscription_id"),
                rs.getString("owner_client_id"),
                rs.getString("owner_role"),
                rs.getString("owner_scopes"),
                rs.getString("topic_url"),
                rs.getString("content"),
                rs.getString("status"),
                rs.getString("endpoint"),
                strings(rs, "headers"),
                (Integer) rs.getObject("heartbeat_s"),
                (Integer) rs.getObject("timeout_s"),
                (Integer) rs.getObject("max_count"),
                rs.getLong("last_event_number"),
                rs.getLong("delivered_through"),
                rs.getBoolean("handshake_due"),
                instant(rs, "last_sent_at"),
                rs.getInt("attempts"),
                instant(rs, "first_failure_at"),
                rs.getString("last_error"),
                rs.getLong("lease_token"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A subscription with its cursor, as read under a lease (or for the operations, without one). */
    record Claim(
            String subscriptionId,
            String ownerClientId,
            String ownerRole,
            String ownerScopes,
            String topicUrl,
            String content,
            String status,
            String endpoint,
            List<String> headers,
            Integer heartbeatSeconds,
            Integer timeoutSeconds,
            Integer maxCount,
            long lastEventNumber,
            long deliveredThrough,
            boolean handshakeDue,
            Instant lastSentAt,
            int attempts,
            Instant firstFailureAt,
            String lastError,
            long leaseToken) {

        Claim {
            headers = List.copyOf(headers);
        }

        /** A handshake comes before anything else for a new or re-requested subscription. */
        boolean needsHandshake() {
            return handshakeDue || "requested".equals(status);
        }
    }
}
