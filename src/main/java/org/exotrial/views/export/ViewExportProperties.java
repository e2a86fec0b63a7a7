package org.exotrial.views.export;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code exotrial.views.export.*}: {@code $viewdefinition-export}.
 *
 * @param retention how long an export's output files stay downloadable after the export was started; then they and
 *     the export's status are deleted (the status URL answers 404). ISO-8601 or Spring's {@code 24h} form.
 * @param pageSize resources read from the database at a time while a view runs
 */
@Validated
@ConfigurationProperties("exotrial.views.export")
public record ViewExportProperties(
        @NotNull @DefaultValue("PT24H") Duration retention, @Min(1) @Max(10_000) @DefaultValue("500") int pageSize) {

    public ViewExportProperties {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("exotrial.views.export.retention must be positive, got " + retention);
        }
    }
}
