package org.exotrial.sync;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Registry sync (topic-based subscriptions, issue 31), under {@code exotrial.subscriptions}.
 *
 * @param allowedHosts endpoint hosts a subscription may name even though they are not public https hosts (a registry
 *     on the hospital's own network, a test receiver on localhost); empty by default: every endpoint must be public
 *     https
 * @param retryWindow how long deliveries to a failing endpoint are retried, counted from the first failure, before the
 *     subscription goes to status {@code error}; its events are still recorded, for the owner to fetch with
 *     {@code $events}
 */
@Validated
@ConfigurationProperties("exotrial.subscriptions")
public record SyncProperties(
        @DefaultValue("") List<String> allowedHosts, @DefaultValue("PT24H") Duration retryWindow) {}
