package org.exotrial.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Zero-setup storage: when no {@code spring.datasource.url} is given, the server starts its own PostgreSQL from the
 * binaries shipped in a Maven artifact and keeps the cluster under the data directory, so data survives restarts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfig.class);

    @Bean
    ClusterAccess clusterAccess(DataProperties data) {
        return new ClusterAccess(data);
    }

    /** Destroyed after the DataSource (which depends on it), so the pool drains before PostgreSQL stops. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DataProperties data, TuningProperties tuning, ClusterAccess access)
            throws IOException, SQLException {
        var dir = data.postgresDir().toAbsolutePath();
        Files.createDirectories(dir);
        new StaleClusterRecovery(dir).recover();
        log.info("Starting embedded PostgreSQL with data in {}", dir);
        String password = access.password();
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        // The library checks that PostgreSQL is up by connecting; with the cluster locked down that needs the password.
        builder.setConnectConfig("password", password);
        // Decision 34. Zonky's defaults are for throwaway test databases: PostgreSQL started with -F (no fsync) and
        // synchronous_commit off, so a power loss or an operating-system crash could lose writes the server had
        // acknowledged, or corrupt the cluster. This is the server's default store, so it keeps PostgreSQL's own
        // durable defaults, whatever exotrial.tuning says: a commit returns once its WAL is on disk (an fdatasync is
        // ~0.2 ms on the benchmark machine, per pg_test_fsync; one per transaction, not per resource).
        builder.setServerConfig("fsync", "on");
        builder.setServerConfig("synchronous_commit", "on");
        if (tuning.enabled()) {
            // Part of exotrial.tuning (decision 27). HAPI runs its searches as prepared statements; after five runs
            // PostgreSQL switches to a generic plan made without the parameter values, and for HAPI's hash columns
            // that plan expects a handful of rows where one code (IL-6, say) matches 21,000, so it probes an index
            // once per row instead of joining. Planning every search with its values costs a millisecond or two;
            // measured on the 10,000-participant benchmark database (docs/benchmarks.md, Optimisations), the median of
            // IL-6 above a threshold fell from 280 to 60-70 ms and of its count from 155 to 30-40 ms. An external
            // database is the operator's to configure (README, "Using your own PostgreSQL").
            builder.setServerConfig("plan_cache_mode", "force_custom_plan");
            // Decision 32. HAPI's index tables only grow, and PostgreSQL answers their searches with index-only scans,
            // which must visit the table for every row inserted since the last vacuum. By default an insert-only table
            // is vacuumed after growing by a fifth, so at 10,000 participants some 150,000 token rows were unvisited
            // and the count for IL-6 above a threshold took 30 ms instead of 15 (benchmarks.md, Optimisations).
            // Vacuuming after 1 % growth, looked for every 15 s, keeps that tail small; each vacuum only reads the new
            // pages, so the total work during an ingest stays about the same.
            builder.setServerConfig("autovacuum_vacuum_insert_scale_factor", "0.01");
            builder.setServerConfig("autovacuum_naptime", "15s");
        }
        EmbeddedPostgres postgres = builder.setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops PostgreSQL after the web server and the pool are drained. Zonky's own JVM hook would
                // stop it in parallel with Spring's shutdown and fail the requests a graceful shutdown lets finish.
                .setRegisterShutdownHook(false)
                .start();
        access.lockDown(postgres, password);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, ClusterAccess access) throws IOException {
        HikariDataSource ds = new HikariDataSource();
        // Not the library's getJdbcUrl, which would carry the password in the URL.
        ds.setJdbcUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
        ds.setUsername(ClusterAccess.USER);
        ds.setPassword(access.password());
        ds.setPoolName("exotrial-embedded");
        return ds;
    }
}
