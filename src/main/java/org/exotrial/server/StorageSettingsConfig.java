package org.exotrial.server;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import org.exotrial.storage.TuningProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How HAPI stores and searches resources: the defaults a production trial server wants. */
@Configuration(proxyBeanMethods = false)
class StorageSettingsConfig {

    @Bean
    JpaStorageSettings storageSettings(FhirServerProperties properties, TuningProperties tuning) {
        JpaStorageSettings settings = new JpaStorageSettings();
        // References must point at something real; a trial's data is only useful if it links up.
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        settings.setAllowMultipleDelete(true);
        settings.setDeleteExpungeEnabled(false);
        settings.setExpungeEnabled(false);
        settings.setFetchSizeDefaultMaximum(properties.maxPageSize());
        settings.setDefaultTotalMode(SearchTotalModeEnum.ACCURATE);
        // HAPI answers a search from one run with the same URL in the last minute, even if data was written since, so
        // a count right after an EHR's push could miss it (SearchIT). Every new search runs afresh; paging through a
        // search still uses its stored results.
        settings.setReuseCachedSearchResultsForMillis(null);
        // Conditional creates are made race-free by HAPI's unique search-URL table (HFJ_RES_SEARCH_URL).
        settings.setUniqueIndexesEnabled(true);
        // Writes are validated against the guide's value sets in memory (validation package); HAPI's background
        // pre-expansion needs Hibernate Search, which ExoTrial does not run.
        settings.setPreExpandValueSets(false);
        settings.setEnableTaskPreExpandValueSets(false);
        if (tuning.enabled()) {
            // Index rows without their parameter name, resource type and update time: HAPI 8 searches by hashes of
            // those, so the columns are dead weight on the ~30 index rows every resource and AuditEvent writes.
            settings.setIndexStorageOptimized(true);
        }
        return settings;
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    /**
     * No channel type enabled: HAPI's own subscription pipeline is not imported, ExoTrial delivers with its own (sync
     * package). The benchmark's stock comparator brings HAPI's pipeline and its own settings ({@code
     * HapiStockDeliveryConfig}).
     */
    @Bean
    @ConditionalOnProperty(name = "exotrial.sync.hapi-stock-delivery", havingValue = "false", matchIfMissing = true)
    SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }
}
