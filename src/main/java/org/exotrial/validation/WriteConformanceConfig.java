package org.exotrial.validation;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.exotrial.ig.InstalledGuide;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Enforces the implementation guide on every write. The interceptor is registered with HAPI's storage-level
 * interceptor service, not the REST server, so it also guards writes that do not come through REST (HL7 v2 ingest,
 * demo data, bulk import).
 *
 * <p>{@code exotrial.validation.enabled=false} turns enforcement off. It exists for one reason: the benchmark's
 * stock-HAPI baseline, which must not validate; no deployment should set it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.validation.enabled", havingValue = "true", matchIfMissing = true)
class WriteConformanceConfig {

    @Bean
    WriteConformanceInterceptor writeConformanceInterceptor(IgValidator validator, DaoRegistry daoRegistry) {
        return new WriteConformanceInterceptor(validator, new StudyArmRule(daoRegistry));
    }

    /** Registers once every singleton exists, i.e. after the guide it enforces is installed ({@link InstalledGuide}). */
    @Bean
    SmartInitializingSingleton registerWriteConformance(
            IInterceptorService interceptors, WriteConformanceInterceptor interceptor, InstalledGuide installed) {
        return () -> interceptors.registerInterceptor(interceptor);
    }
}
