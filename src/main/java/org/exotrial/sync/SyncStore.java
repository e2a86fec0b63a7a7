package org.exotrial.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The subscriptions' own tables (docs/sync.md): a row per subscription with the number of its last event,
 * its events numbered 1, 2, 3 ... without gaps, and its delivery cursor. Plain JDBC on the server's pool: inside a
 * write's transaction HAPI's JPA transaction manager hands JdbcTemplate the same connection, so an event is committed
 * with the write that caused it, or not at all.
 */
final class SyncStore {

    static final String SUBSCRIPTIONS = "exo_sync_subscription";
    static final String EVENTS = "exo_sync_event";
    static final String CURSORS = "exo_sync_cursor";

    private final JdbcTemplate jdbc;

    SyncStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Creates the tables if they are missing (idempotent, run at every start). */
    void createIfMissing() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + SUBSCRIPTIONS + " ("
                + "subscription_id VARCHAR(100) PRIMARY KEY, owner_client_id VARCHAR(200), owner_role VARCHAR(50),"
                + " owner_scopes TEXT, topic_url VARCHAR(500) NOT NULL, filters TEXT[] NOT NULL DEFAULT '{}',"
                + " content VARCHAR(20) NOT NULL, status VARCHAR(20) NOT NULL, endpoint TEXT NOT NULL,"
                + " headers TEXT[] NOT NULL DEFAULT '{}', heartbeat_s INTEGER, timeout_s INTEGER, max_count INTEGER,"
                + " last_event_number BIGINT NOT NULL DEFAULT 0, updated_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + EVENTS + " ("
                + "subscription_id VARCHAR(100) NOT NULL REFERENCES " + SUBSCRIPTIONS + " ON DELETE CASCADE,"
                + " event_number BIGINT NOT NULL, occurred_at TIMESTAMPTZ NOT NULL, focus_type VARCHAR(64) NOT NULL,"
                + " focus_id VARCHAR(100) NOT NULL, focus_version VARCHAR(20), interaction VARCHAR(20) NOT NULL,"
                + " PRIMARY KEY (subscription_id, event_number))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + CURSORS + " ("
                + "subscription_id VARCHAR(100) PRIMARY KEY REFERENCES " + SUBSCRIPTIONS + " ON DELETE CASCADE,"
                + " delivered_through BIGINT NOT NULL DEFAULT 0, handshake_due BOOLEAN NOT NULL DEFAULT true,"
                + " last_sent_at TIMESTAMPTZ, next_attempt_at TIMESTAMPTZ,"
                + " attempts INTEGER NOT NULL DEFAULT 0, first_failure_at TIMESTAMPTZ, last_error TEXT,"
                + " lease_owner VARCHAR(100), lease_token BIGINT NOT NULL DEFAULT 0, lease_until TIMESTAMPTZ)");
        // The delivery worker looks for cursors that are due.
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + CURSORS + "_next_attempt ON " + CURSORS + " (next_attempt_at)");
    }

    /**
     * Stores a subscription's row (and its cursor, on first sight); an existing row keeps its event numbers, so a
     * subscription updated by its owner goes on where it was.
     */
    void saveSubscription(SyncSubscription subscription) {
        jdbc.update(
                "INSERT INTO " + SUBSCRIPTIONS + " (subscription_id, owner_client_id, owner_role, owner_scopes,"
                        + " topic_url, filters, content, status, endpoint, headers, heartbeat_s, timeout_s, max_count)"
                        + " VALUES (?, ?, ?, ?, ?, ?::text[], ?, ?, ?, ?::text[], ?, ?, ?)"
                        + " ON CONFLICT (subscription_id) DO UPDATE SET owner_client_id = EXCLUDED.owner_client_id,"
                        + " owner_role = EXCLUDED.owner_role, owner_scopes = EXCLUDED.owner_scopes,"
                        + " topic_url = EXCLUDED.topic_url, filters = EXCLUDED.filters, content = EXCLUDED.content,"
                        + " status = EXCLUDED.status, endpoint = EXCLUDED.endpoint, headers = EXCLUDED.headers,"
                        + " heartbeat_s = EXCLUDED.heartbeat_s, timeout_s = EXCLUDED.timeout_s,"
                        + " max_count = EXCLUDED.max_count, updated_at = now()",
                subscription.id(),
                subscription.ownerClientId(),
                subscription.ownerRole(),
                subscription.ownerScopes(),
                subscription.topicUrl(),
                subscription.filters().toArray(String[]::new),
                subscription.content(),
                subscription.status(),
                subscription.endpoint(),
                subscription.headers().toArray(String[]::new),
                subscription.heartbeatSeconds(),
                subscription.timeoutSeconds(),
                subscription.maxCount());
        jdbc.update(
                "INSERT INTO " + CURSORS + " (subscription_id) VALUES (?) ON CONFLICT DO NOTHING", subscription.id());
    }

    /** The subscription's row, if sync keeps one. */
    Optional<SyncSubscription> subscription(String id) {
        return jdbc
                .query(
                        "SELECT subscription_id, owner_client_id, owner_role, owner_scopes, topic_url, filters,"
                                + " content, status, endpoint, headers, heartbeat_s, timeout_s, max_count FROM "
                                + SUBSCRIPTIONS + " WHERE subscription_id = ?",
                        (rs, row) -> new SyncSubscription(
                                rs.getString("subscription_id"),
                                rs.getString("owner_client_id"),
                                rs.getString("owner_role"),
                                rs.getString("owner_scopes"),
                                rs.getString("topic_url"),
                                List.of((String[]) rs.getArray("filters").getArray()),
                                rs.getString("content"),
                                rs.getString("status"),
                                rs.getString("endpoint"),
                                List.of((String[]) rs.getArray("headers").getArray()),
                                (Integer) rs.getObject("heartbeat_s"),
                                (Integer) rs.getObject("timeout_s"),
                                (Integer) rs.getObject("max_count")),
                        id)
                .stream()
                .findFirst();
    }

    /** Forgets the subscription: its row, and with it its events and cursor. */
    void deleteSubscription(String id) {
        jdbc.update("DELETE FROM " + SUBSCRIPTIONS + " WHERE subscription_id = ?", id);
    }

    /**
     * Makes delivery start over with a handshake, now, as for a new subscription: after its owner asked for a
     * subscription in {@code error} or {@code off} again. What was delivered stays delivered.
     */
    void resetDelivery(String id) {
        jdbc.update(
                "UPDATE " + CURSORS + " SET handshake_due = true, attempts = 0, first_failure_at = NULL,"
                        + " next_attempt_at = now() WHERE subscription_id = ?",
                id);
    }

    /**
     * Records {@code changes} as the subscription's next events, in the caller's transaction, and returns their
     * numbers. The row lock the counter's update takes orders concurrent writers: numbers are gapless and follow the
     * commit order, and a rolled-back write takes its numbers with it. Callers lock several subscriptions in id order
     * (no deadlocks between two writes that both match them).
     *
     * @return the numbers; none when the subscription was deleted meanwhile (a write never fails for that)
     * @throws IllegalStateException outside a transaction (an event must commit with its write)
     */
    List<Long> recordEvents(String subscriptionId, List<Change> changes) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("events are recorded in the transaction of the write that caused them");
        }
        if (changes.isEmpty()) {
            return List.of();
        }
        List<Long> last = jdbc.queryForList(
                "UPDATE " + SUBSCRIPTIONS + " SET last_event_number = last_event_number + ?"
                        + " WHERE subscription_id = ? RETURNING last_event_number",
                Long.class,
                changes.size(),
                subscriptionId);
        if (last.isEmpty()) {
            // Deleted since the transaction saw it: its events go with it (the delete cascades to them anyway).
            return List.of();
        }
        long first = last.get(0) - changes.size() + 1;
        Timestamp now = Timestamp.from(Instant.now());
        List<Object[]> rows = new ArrayList<>(changes.size());
        List<Long> numbers = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            numbers.add(first + i);
            rows.add(new Object[] {
                subscriptionId, first + i, now, change.type(), change.id(), change.version(), change.interaction()
            });
        }
        jdbc.batchUpdate(
                "INSERT INTO " + EVENTS + " (subscription_id, event_number, occurred_at, focus_type, focus_id,"
                        + " focus_version, interaction) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows);
        return numbers;
    }

    /** The subscription's events numbered above {@code after}, oldest first, at most {@code limit}. */
    List<SyncEvent> eventsSince(String subscriptionId, long after, int limit) {
        return jdbc.query(
                "SELECT event_number, occurred_at, focus_type, focus_id, focus_version, interaction FROM " + EVENTS
                        + " WHERE subscription_id = ? AND event_number > ? ORDER BY event_number LIMIT ?",
                events(),
                subscriptionId,
                after,
                limit);
    }

    /**
     * Every subscription events are recorded for (all but those turned {@code off}; one in {@code error} keeps its
     * events for {@code $events}), with what capture needs to decide: topic, filters, owner's role. Read once per
     * writing transaction, so a subscription created on another node counts from its commit on.
     */
    List<Subscribed> subscribed() {
        return jdbc.query(
                "SELECT subscription_id, topic_url, filters, owner_role FROM " + SUBSCRIPTIONS
                        + " WHERE status <> 'off' ORDER BY subscription_id",
                (rs, row) -> new Subscribed(
                        rs.getString(1),
                        rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()),
                        rs.getString(4)));
    }

    /** The number of the subscription's last event (0 before the first), or -1 for an unknown subscription. */
    long lastEventNumber(String subscriptionId) {
        List<Long> last = jdbc.queryForList(
                "SELECT last_event_number FROM " + SUBSCRIPTIONS + " WHERE subscription_id = ?",
                Long.class,
                subscriptionId);
        return last.isEmpty() ? -1 : last.get(0);
    }

    private static RowMapper<SyncEvent> events() {
        return (rs, row) -> new SyncEvent(
                rs.getLong("event_number"),
                rs.getTimestamp("occurred_at").toInstant(),
                new Change(
                        rs.getString("focus_type"),
                        rs.getString("focus_id"),
                        rs.getString("focus_version"),
                        rs.getString("interaction")));
    }

    /** A subscription as event capture sees it. */
    record Subscribed(String id, String topicUrl, List<String> filters, String ownerRole) {}

    /** What happened to which resource: a topic's trigger matched this write. */
    record Change(String type, String id, String version, String interaction) {}

    /** A recorded event: its number in the subscription's sequence, when, and the change. */
    record SyncEvent(long number, Instant occurredAt, Change change) {}

    /**
     * A subscription as sync keeps it, copied from the Subscription resource at every write of it: its owner (for
     * scopes and blinding at send time), topic, filters, state and channel.
     *
     * @param ownerScopes the owner's granted scopes, space-separated, as when it last wrote the subscription
     * @param filters backport filter criteria, each {@code Type?param=value} or {@code param=value} (every type)
     * @param content {@code empty}, {@code id-only} or {@code full-resource}
     * @param status {@code requested}, {@code active}, {@code error} or {@code off}
     * @param endpoint the rest-hook URL
     * @param headers the channel's headers, each {@code Name: value}
     * @param heartbeatSeconds the heartbeat period, or null for none
     * @param timeoutSeconds how long to wait for the receiver, or null for the server's default
     * @param maxCount at most this many events per notification, or null for the server's default
     */
    record SyncSubscription(
            String id,
            String ownerClientId,
            String ownerRole,
            String ownerScopes,
            String topicUrl,
            List<String> filters,
            String content,
            String status,
            String endpoint,
            List<String> headers,
            Integer heartbeatSeconds,
            Integer timeoutSeconds,
            Integer maxCount) {

        SyncSubscription {
            filters = List.copyOf(filters);
            headers = List.copyOf(headers);
        }
    }
}
