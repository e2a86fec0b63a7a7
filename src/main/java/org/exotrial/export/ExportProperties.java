package org.exotrial.export;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bulk export (docs/export.md), under {@code exotrial.export}.
 *
 * @param retention how long a finished export's files stay downloadable, counted from the job's end; whole hours, at
 *     least one (HAPI's purge counts in hours and runs hourly, so a file may outlive this by up to an hour)
 * @param jobInterval how often HAPI's batch jobs (exports among them) are moved on to their next step; a job takes
 *     about two of these at least. HAPI's own default is a minute
 * @param advanceOnPoll whether a poll of a running export moves it on at once (runs batch2's maintenance pass) rather
 *     than waiting for the next interval; HAPI's own export does not (the benchmark's stock comparator turns it off)
 */
@Validated
@ConfigurationProperties("exotrial.export")
public record ExportProperties(
        @DefaultValue("PT2H") Duration retention,
        @DefaultValue("PT5S") Duration jobInterval,
        @DefaultValue("true") boolean advanceOnPoll) {

    public ExportProperties {
        if (retention.toMinutes() < 60 || retention.toMinutes() % 60 != 0) {
            throw new IllegalArgumentException("exotrial.export.retention must be a whole number of hours, at least"
                    + " PT1H (HAPI keeps export files by the hour), not " + retention);
        }
        if (jobInterval.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "exotrial.export.job-interval must be at least PT0.1S, not " + jobInterval);
        }
    }

    int retentionHours() {
        return Math.toIntExact(retention.toHours());
    }
}
