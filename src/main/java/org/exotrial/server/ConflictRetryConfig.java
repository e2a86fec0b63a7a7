package org.exotrial.server;

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

    @Bean
    FhirServerCustomizer conflictRetryCustomizer() {
        return server -> server.registerInterceptor(new RetryOnConflict());
    }
}
