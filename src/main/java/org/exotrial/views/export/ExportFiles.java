package org.exotrial.views.export;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The output files of {@code $viewdefinition-export}, in a table of their own. Why not Binary resources: a Binary is
 * readable through the FHIR API by anyone with Binary read rights, goes through validation, storage hooks and
 * indexing for nothing, and its owner check would rest on a security context every path must remember to check. Here a
 * file is reachable only through the export's download operation, which compares the owner client with the
 * caller's, and retention is one DELETE. A file is a view's whole output (bytea, up to 1 GB in PostgreSQL).
 */
final class ExportFiles {

    static final String TABLE = "exo_view_export_file";
    static final String DELETED = "exo_view_export_deleted";

    private final JdbcTemplate jdbc;

    ExportFiles(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    void createIfMissing() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (export_id TEXT NOT NULL, name TEXT NOT NULL,"
                + " owner_client_id TEXT NOT NULL, media_type TEXT NOT NULL, row_count BIGINT NOT NULL,"
                + " content BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
                + " PRIMARY KEY (export_id, name))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_created_at ON " + TABLE + " (created_at)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + DELETED + " (export_id TEXT PRIMARY KEY,"
                + " deleted_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    }

    /** A cancelled or deleted export: its status URL answers 404 from now on, on every node. */
    void markDeleted(String exportId) {
        jdbc.update("INSERT INTO " + DELETED + " (export_id) VALUES (?) ON CONFLICT DO NOTHING", exportId);
    }

    boolean isDeleted(String exportId) {
        return !jdbc.queryForList("SELECT 1 FROM " + DELETED + " WHERE export_id = ?", exportId)
                .isEmpty();
    }

    /** Stores (or, when a chunk is retried, replaces) one output file. */
    void save(String exportId, String name, String owner, String mediaType, long rows, byte[] content) {
        jdbc.update(
                "INSERT INTO " + TABLE + " (export_id, name, owner_client_id, media_type, row_count, content)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (export_id, name) DO UPDATE SET"
                        + " media_type = EXCLUDED.media_type, row_count = EXCLUDED.row_count,"
                        + " content = EXCLUDED.content, created_at = now()",
                exportId,
                name,
                owner,
                mediaType,
                rows,
                content);
    }

    record FileInfo(String name, String mediaType, long rows, long size) {}

    record FileContent(String owner, String mediaType, byte[] content) {}

    List<FileInfo> list(String exportId) {
        return jdbc.query(
                "SELECT name, media_type, row_count, octet_length(content) FROM " + TABLE
                        + " WHERE export_id = ? ORDER BY name",
                (rs, i) -> new FileInfo(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                exportId);
    }

    Optional<FileContent> read(String exportId, String name) {
        return jdbc
                .query(
                        "SELECT owner_client_id, media_type, content FROM " + TABLE
                                + " WHERE export_id = ? AND name = ?",
                        (rs, i) -> new FileContent(rs.getString(1), rs.getString(2), rs.getBytes(3)),
                        exportId,
                        name)
                .stream()
                .findFirst();
    }

    int delete(String exportId) {
        return jdbc.update("DELETE FROM " + TABLE + " WHERE export_id = ?", exportId);
    }

    /** Deletes the files older than the retention; returns how many. */
    int deleteOlderThan(Duration retention) {
        Timestamp limit = Timestamp.from(Instant.now().minus(retention));
        jdbc.update("DELETE FROM " + DELETED + " WHERE deleted_at < ?", limit);
        return jdbc.update("DELETE FROM " + TABLE + " WHERE created_at < ?", limit);
    }
}
