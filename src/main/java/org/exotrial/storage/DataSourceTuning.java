package org.exotrial.storage;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * JDBC settings for write speed, on the embedded and on an external PostgreSQL alike. {@code reWriteBatchedInserts}
 * makes the driver send Hibernate's batches of index rows (a resource writes dozens) as multi-row INSERTs: one
 * statement per batch instead of one per row.
 */
@Configuration(proxyBeanMethods = false)
class DataSourceTuning {

    /** Static, and reads the switch from the environment: a post-processor is created before other beans. */
    @Bean
    static BeanPostProcessor postgresBatchInserts(Environment environment) {
        boolean tuned = Binder.get(environment)
                .bind("exotrial.tuning.enabled", Boolean.class)
                .orElse(true);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (tuned && bean instanceof HikariDataSource hikari) {
                    hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
                }
                return bean;
            }
        };
    }
}
