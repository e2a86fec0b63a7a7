package org.exotrial.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail, under {@code exotrial.audit}. Events are queued in memory and written in batches, so these settings
 * trade the delay before an event is searchable against the number of database transactions spent on auditing.
 *
 * @param enabled whether FHIR requests are audited at all; on by default, off only for benchmarks of the bare server
 * @param batchSize the most events written in one database transaction (one JDBC batch of inserts into the trail's
 *     table); larger batches mean fewer commits under load and cost nothing when the server is quiet, since a batch is
 *     written as soon as the flush interval has passed
 * @param flushInterval the longest an event waits for its batch to fill before it is written anyway: the upper bound
 *     of the delay between a request and its AuditEvent being searchable, when the database keeps up
 * @param queueCapacity events held in memory before request threads are made to wait for the writer
 * @param enqueueTimeout how long a request thread waits for room in a full queue before the event is dropped (and
 *     counted in a WARN log line)
 */
@Validated
@ConfigurationProperties("exotrial.audit")
public record AuditProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("500ms") Duration flushInterval,
        @DefaultValue("20000") @Min(1) int queueCapacity,
        @DefaultValue("2s") Duration enqueueTimeout) {}
