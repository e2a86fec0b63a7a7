package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Interface engines resend and race: when two requests collide in the database, the loser is retried instead of
 * failing. A retried conditional create then finds the winner's resource and answers 200 with it, so every sender
 * learns the one resource that exists. A retried update carrying a stale {@code If-Match} still fails with 412, so no
 * update is ever lost.
 */
@Configuration(proxyBeanMethods = false)
class ConflictRetryConfig {

    static final int MAX_RETRIES = 5;

    @Bean
    FhirServerCustomizer conflictRetryCustomizer() {
        return server -> server.registerInterceptor(new RetryOnConflict());
    }

    static final class RetryOnConflict {

        /** STORAGE_VERSION_CONFLICT: HAPI asks how to resolve a unique-key or version clash during a write. */
        @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
        public ResourceVersionConflictResolutionStrategy retry() {
            var strategy = new ResourceVersionConflictResolutionStrategy();
            strategy.setRetry(true);
            strategy.setMaxRetries(MAX_RETRIES);
            return strategy;
        }
    }
}
