package org.exotrial.validation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import org.exotrial.ig.InstalledGuide;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.server.StorageHook;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Enforces the implementation guide on every write. The interceptor is a storage hook, not a REST server interceptor,
 * so it also guards writes that do not come through REST (HL7 v2 ingest, demo data, bulk import). A REST transaction is validated whole before it is processed, and {@code $validate}
 * validates with the same {@link Conformance}.
 *
 * <p>{@code exotrial.validation.enabled=false} turns enforcement off. It exists for one reason: the benchmark's
 * stock-HAPI baseline, which must not validate; no deployment should set it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.validation.enabled", havingValue = "true", matchIfMissing = true)
class WriteConformanceConfig {

    /** The name under which HAPI's JPA configuration (ValidationSupportConfig) defines the validator of $validate. */
    static final String HAPI_INSTANCE_VALIDATOR = "myInstanceValidator";

    @Bean
    Conformance conformance(IgValidator validator, DaoRegistry daoRegistry) {
        return new Conformance(validator, new StudyArmRule(daoRegistry));
    }

    @Bean
    WriteConformanceInterceptor writeConformanceInterceptor(Conformance conformance) {
        return new WriteConformanceInterceptor(conformance);
    }

    /** Last of the storage hooks; needs the guide it enforces installed ({@link InstalledGuide}). */
    @Bean
    StorageHook writeConformance(WriteConformanceInterceptor interceptor, InstalledGuide installed) {
        return new StorageHook(StorageHook.Stage.VALIDATE, interceptor);
    }

    /** Its threads are stopped with the context ({@link TransactionConformance#close()}). */
    @Bean
    TransactionConformance transactionConformance(Conformance conformance, DaoRegistry daoRegistry) {
        return new TransactionConformance(conformance, daoRegistry);
    }

    @Bean
    FhirServerCustomizer transactionConformanceCustomizer(TransactionConformance transactionConformance) {
        return server -> server.registerInterceptor(transactionConformance);
    }

    /**
     * Puts the write's validation in place of HAPI's {@code myInstanceValidator}, which every resource DAO's
     * {@code validate} ({@code $validate}) uses. Replaced after HAPI made it rather than by a bean of the same name, so
     * which definition wins does not depend on the order configurations are read. Static, as a post-processor must be;
     * the validation is looked up when first used.
     */
    @Bean
    static BeanPostProcessor validateAsTheWritePathDoes(ObjectProvider<Conformance> conformance) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (HAPI_INSTANCE_VALIDATOR.equals(name) && bean instanceof IInstanceValidatorModule) {
                    return new WritePathValidatorModule(conformance::getObject);
                }
                return bean;
            }
        };
    }
}
