package org.exotrial.sync;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.jpa.topic.SubscriptionTopicConfig;
import org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * HAPI 8.8's own subscription delivery, as the HAPI JPA starter assembles it with
 * {@code hapi.fhir.subscription.resthook_enabled=true} and, for R4, topic subscriptions on (starter PR 965): HAPI's
 * submitter (a row in {@code HFJ_RESOURCE_MODIFIED} per write, submitted by a scheduled job every 5 s), its processor
 * (matching, activation, rest-hook delivery) and its topic support (R4 topics loaded from the stored Basic resources),
 * with the rest-hook channel type enabled. It exists only so the benchmark's stock configuration can measure what a
 * user of the starter would get ({@code exotrial.sync.hapi-stock-delivery=true}); ExoTrial's own sync is off then
 * ({@link SyncConfig}), and no deployment should set it: HAPI's pipeline drops a notification it could not deliver
 * within about a minute and keeps its event counters in memory (docs/decisions.md, decision 49).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = HapiStockDeliveryConfig.PROPERTY, havingValue = "true")
@Import({SubscriptionSubmitterConfig.class, SubscriptionProcessorConfig.class, SubscriptionTopicConfig.class})
class HapiStockDeliveryConfig {

    static final String PROPERTY = "exotrial.sync.hapi-stock-delivery";

    /** The starter's settings with only rest-hook on; HAPI's defaults otherwise (the 5-second submission interval). */
    @Bean
    SubscriptionSettings subscriptionSettings() {
        SubscriptionSettings settings = new SubscriptionSettings();
        settings.addSupportedSubscriptionType(SubscriptionChannelType.RESTHOOK);
        return settings;
    }

    /** HAPI's processor wires an email sender whether or not email is enabled; the starter gives it one that does nothing. */
    @Bean
    IEmailSender emailSender() {
        return details -> {};
    }
}
