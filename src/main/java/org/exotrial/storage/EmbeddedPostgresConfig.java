package org.exotrial.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
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

    /** Destroyed after the DataSource (which depends on it), so the pool drains before PostgreSQL stops. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(DataProperties data) throws IOException {
        var dir = data.postgresDir().toAbsolutePath();
        Files.createDirectories(dir);
        new StaleClusterRecovery(dir).recover();
        log.info("Starting embedded PostgreSQL with data in {}", dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Spring stops PostgreSQL after the web server and the pool are drained. Zonky's own JVM hook would
                // stop it in parallel with Spring's shutdown and fail the requests a graceful shutdown lets finish.
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        ds.setUsername("postgres");
        ds.setPoolName("exotrial-embedded");
        return ds;
    }
}
