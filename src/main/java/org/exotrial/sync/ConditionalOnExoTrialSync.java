package org.exotrial.sync;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * On every ExoTrial sync configuration (capture, admission, delivery): on unless the benchmark's stock comparator runs
 * HAPI's own pipeline instead ({@link HapiStockDeliveryConfig}); both at once would match and deliver every event
 * twice.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = HapiStockDeliveryConfig.PROPERTY, havingValue = "false", matchIfMissing = true)
@interface ConditionalOnExoTrialSync {}
