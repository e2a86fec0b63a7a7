package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Interface engines resend and race: when two requests collide in the database, the loser is retried instead of
 * failing. A retried conditional create then finds the winner's resource and answers 200 with it, so every sender
 * learns the one resource that exists. An update carrying a stale {@code If-Match} still fails, with 412 (IfMatchConfig),
 * so no update is ever lost.
 */
@Configuration(proxyBeanMethods = false)
class ConflictRetryConfig {

    static final int MAX_RETRIES = 5;

    @Bean
    FhirServerCustomizer conflictRetryCustomizer() {
        return server -> server.registerInterceptor(new RetryOnConflict());
    }

    static final class RetryOnConflict {

        /**
         * STORAGE_VERSION_CONFLICT: HAPI asks how to resolve a unique-key or version clash during a write. An update
         * with {@code If-Match} is retried once: enough to turn a clash with a concurrent writer into the version
         * check, which then fails with 412 (IfMatchConfig); more retries cannot make a stale version current.
         */
        @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
        public ResourceVersionConflictResolutionStrategy retry(RequestDetails request) {
            var strategy = new ResourceVersionConflictResolutionStrategy();
            strategy.setRetry(true);
            strategy.setMaxRetries(IfMatchConfig.hasIfMatch(request) ? 1 : MAX_RETRIES);
            return strategy;
        }
    }
}
