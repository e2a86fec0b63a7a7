package org.exotrial.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL (decision 35). The embedded library creates the cluster with {@code trust}
 * for every local connection, so any process on the machine could log in as its superuser and read or change the
 * trial's data. The server instead gives the superuser a random password, kept in the data directory readable by the
 * server's user only, and lets PostgreSQL accept a connection only with that password.
 */
final class ClusterAccess {

    private static final Logger log = LoggerFactory.getLogger(ClusterAccess.class);

    static final String USER = "postgres";

    /** Password authentication for every local and loopback connection; nothing else is listened to. */
    private static final String HBA =
            """
            # Written by ExoTrial (decision 35): the password is in the data directory's postgres.password.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final Path passwordFile;
    private final Path hbaFile;
    private String password;

    ClusterAccess(DataProperties data) {
        this.passwordFile = data.dir().resolve("postgres.password");
        this.hbaFile = data.postgresDir().resolve("pg_hba.conf");
    }

    /**
     * The superuser's password, made on the first start. It must exist before PostgreSQL starts; read once, since the
     * library's readiness login and the pool both need it.
     */
    synchronized String password() throws IOException {
        if (password == null) {
            if (!Files.exists(passwordFile)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                OwnerOnlyFiles.write(
                        passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            }
            password = Files.readString(passwordFile).strip();
        }
        return password;
    }

    /**
     * Closes a cluster that still trusts local connections (a new one, or one made before decision 35): sets the
     * password, then requires it. Safe to repeat: a start interrupted half-way still finds {@code trust} and does it
     * again.
     */
    void lockDown(EmbeddedPostgres postgres, String password) throws IOException, SQLException {
        if (Files.exists(hbaFile) && Files.readString(hbaFile).equals(HBA)) {
            return;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            // The password is base64url, so it cannot end the literal; PostgreSQL stores its SCRAM hash.
            statement.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
            Files.writeString(hbaFile, HBA);
            statement.execute("SELECT pg_reload_conf()");
        }
        log.info("Embedded PostgreSQL now requires the password in {}", passwordFile);
    }
}
