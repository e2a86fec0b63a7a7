package org.exotrial.sync;

import java.time.Clock;
import org.exotrial.server.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registries that pull (issue 31, docs/sync.md "Poll with a cursor"): history pages that stay put while writes go on. */
@Configuration(proxyBeanMethods = false)
class PollingConfig {

    @Bean
    FhirServerCustomizer historySnapshot() {
        return server -> server.registerInterceptor(new HistorySnapshot(Clock.systemUTC()));
    }
}
