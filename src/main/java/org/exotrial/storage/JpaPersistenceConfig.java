package org.exotrial.storage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * HAPI's persistence unit on whichever DataSource was chosen (embedded or external PostgreSQL). The schema is
 * migrated before Hibernate starts, and Hibernate only validates nothing and creates nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableTransactionManagement
@EnableConfigurationProperties(JpaProperties.class)
class JpaPersistenceConfig {

    @Bean
    @Primary
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            JpaProperties jpaProperties,
            TuningProperties tuning) {
        SchemaMigration.migrate(dataSource);
        if (tuning.enabled()) {
            LinkStatistics.applyDefaultDepth(dataSource);
        }
        LocalContainerEntityManagerFactoryBean emf =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        emf.setPersistenceUnitName("HAPI_PU");
        emf.setDataSource(dataSource);
        emf.setJpaProperties(hibernateProperties(jpaProperties, tuning));
        return emf;
    }

    @Bean
    @Primary
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    private static Properties hibernateProperties(JpaProperties jpaProperties, TuningProperties tuning) {
        Properties p = new Properties();
        p.put(AvailableSettings.DIALECT, HapiFhirPostgresDialect.class.getName());
        // The schema belongs to HAPI's migrator (SchemaMigration), never to Hibernate.
        p.put(AvailableSettings.HBM2DDL_AUTO, "none");
        if (tuning.enabled()) {
            // One round trip per 50 index rows instead of one per row: a resource writes dozens of index rows.
            p.put(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
            p.put(AvailableSettings.ORDER_INSERTS, "true");
            p.put(AvailableSettings.ORDER_UPDATES, "true");
            // HAPI's entities declare no Bean Validation constraints, yet with a validator on the class path
            // Hibernate validates every inserted, updated and deleted entity (a validator per event) and reads every
            // entity's constraint metadata at startup (decision 41).
            p.put(AvailableSettings.JAKARTA_VALIDATION_MODE, "none");
            // Without Bean Validation Hibernate would check not-null mappings itself (it leaves that to Bean
            // Validation when it is on). HAPI writes null into some columns its mappings declare not-null (the
            // partition id, on a server without partitions), so the check stays off, as it was.
            p.put(AvailableSettings.CHECK_NULLABILITY, "false");
            // Envers audits only HAPI's MDM links, and MDM is off.
            p.put("hibernate.integration.envers.enabled", "false");
        }
        p.put(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
        p.put(AvailableSettings.USE_QUERY_CACHE, "false");
        p.put("hibernate.search.enabled", "false");
        // Operators may still tune Hibernate through spring.jpa.properties.*; their values win.
        p.putAll(jpaProperties.getProperties());
        return p;
    }
}
