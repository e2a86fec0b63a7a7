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
 * @param batchSize the most events written in one database transaction. Small on purpose: Hibernate flushes the whole
 *     session before each reference lookup HAPI makes while creating an event, so a transaction's cost grows with the
 *     square of its size (200 per transaction: about 17 events/s; 10: the writer kept up with 50 reads/s, see
 *     docs/benchmarks.md)
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
        @DefaultValue("10") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("500ms") Duration flushInterval,
        @DefaultValue("20000") @Min(1) int queueCapacity,
        @DefaultValue("2s") Duration enqueueTimeout) {}
