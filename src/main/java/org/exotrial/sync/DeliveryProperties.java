package org.exotrial.sync;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Delivery of subscription notifications (issue 31), under {@code exotrial.subscriptions.delivery}. The retry window
 * itself is {@link SyncProperties#retryWindow()}.
 *
 * @param interval how often the worker looks for due cursors when nothing woke it; a commit with events wakes it at
 *     once on this node, other nodes find the work within one interval
 * @param threads notifications sent at the same time by this node (one per subscription at most)
 * @param lease how long a claimed cursor is this node's; a node killed mid-send leaves its work to others after this.
 *     Longer than any receiver's timeout, so a slow receiver never sees two nodes at once
 * @param maxCount events per notification when the subscription names no max count
 * @param timeout how long to wait for a receiver when the subscription names no timeout
 * @param backoffBase the first retry's delay after a failed delivery; doubled at each further failure
 * @param backoffMax the longest delay between two attempts
 * @param retention how long delivered events are kept (for {@code $events}) after their delivery; undelivered events
 *     are never deleted
 */
@Validated
@ConfigurationProperties("exotrial.subscriptions.delivery")
public record DeliveryProperties(
        @DefaultValue("PT0.25S") Duration interval,
        @DefaultValue("4") @Min(1) int threads,
        @DefaultValue("PT2M") Duration lease,
        @DefaultValue("20") @Min(1) int maxCount,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("PT1S") Duration backoffBase,
        @DefaultValue("PT10M") Duration backoffMax,
        @DefaultValue("P30D") Duration retention) {}
