package org.exotrial.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * ExoTrial's performance settings (JDBC batching, HAPI storage settings chosen for speed, the embedded
 * PostgreSQL's planner setting, the statistics depth of HAPI's reference table) as one switch.
 *
 * @param enabled {@code false} runs HAPI JPA with its stock defaults: the baseline the benchmark measures ExoTrial
 *     against, never a deployment. Settings that change what the server means (referential integrity, paging
 *     limits, totals) are not tuning and stay either way.
 */
@ConfigurationProperties("exotrial.tuning")
public record TuningProperties(@DefaultValue("true") boolean enabled) {}
