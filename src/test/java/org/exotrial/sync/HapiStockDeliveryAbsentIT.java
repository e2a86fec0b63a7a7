package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.subscription.match.deliver.resthook.SubscriptionDeliveringRestHookListener;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.MatchingQueueSubscriberLoader;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SubscriptionMatcherInterceptor;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * ExoTrial as shipped runs none of HAPI's own subscription pipeline ({@link HapiStockDeliveryConfig} is the benchmark's
 * stock comparator only): beside ExoTrial's durable delivery it would match every write again and deliver lossily.
 */
class HapiStockDeliveryAbsentIT extends ServerIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    SubscriptionSettings subscriptionSettings;

    @Test
    void noneOfHapisSubmitterProcessorOrChannelTypesIsActive() {
        for (Class<?> type : new Class<?>[] {
            SubscriptionMatcherInterceptor.class,
            MatchingQueueSubscriberLoader.class,
            SubscriptionDeliveringRestHookListener.class,
            HapiStockDeliveryConfig.class
        }) {
            assertThat(context.getBeanNamesForType(type))
                    .as(type.getSimpleName())
                    .isEmpty();
        }
        assertThat(subscriptionSettings.getSupportedSubscriptionTypes()).isEmpty();
    }
}
