package org.exotrial.storage;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the server keeps its state on disk.
 *
 * @param dir root of the server's files (embedded PostgreSQL cluster, generated keys); bound from
 *     {@code EXOTRIAL_DATA_DIR} or {@code --exotrial.data.dir}
 */
@Validated
@ConfigurationProperties("exotrial.data")
public record DataProperties(@NotNull @DefaultValue("./data") Path dir) {

    /** The embedded PostgreSQL cluster lives in its own sub-directory so other state can sit beside it. */
    public Path postgresDir() {
        return dir.resolve("postgres");
    }
}
