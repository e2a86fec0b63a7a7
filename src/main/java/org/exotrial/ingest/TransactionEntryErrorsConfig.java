package org.exotrial.ingest;

import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.server.StorageHook;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A failing transaction entry is named in the error: its index and fullUrl ({@link FailingEntryLocator}). */
@Configuration(proxyBeanMethods = false)
class TransactionEntryErrorsConfig {

    @Bean
    FhirServerCustomizer failingEntryLocator() {
        return server -> server.registerInterceptor(new FailingEntryLocator());
    }

    /** First of the storage hooks (and, by its hook order, before HAPI's own), so every failure finds its entry. */
    @Bean
    StorageHook entryTracker() {
        return new StorageHook(StorageHook.Stage.TRACK, new EntryTracker());
    }
}
