package org.exotrial.server;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** All of R4 is stored unless the operator narrows the list (decision 37); then writes cannot point at the others. */
@Configuration(proxyBeanMethods = false)
class StoredResourceTypesConfig {

    /** Static: a registry post-processor must exist before any other bean of the context. */
    @Bean
    static StoredResourceTypes storedResourceTypes() {
        return new StoredResourceTypes();
    }

    /**
     * At the storage level, so that writes from transactions and HL7 v2 ingest are checked too. Only when the list is
     * narrowed: with {@code *} every type is stored and there is nothing to check.
     */
    @Bean
    @Conditional(Narrowed.class)
    StorageHook unstoredTypeReferences(DaoRegistry daos) {
        return new StorageHook(StorageHook.Stage.GUARD, new UnstoredTypeReferences(daos));
    }

    /** The configured list is not {@code *} (a list from YAML or a comma-separated value alike). */
    static final class Narrowed implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            List<String> types = Binder.get(context.getEnvironment())
                    .bind(StoredResourceTypes.PROPERTY, Bindable.listOf(String.class))
                    .orElse(List.of(StoredResourceTypes.ALL));
            return !types.contains(StoredResourceTypes.ALL);
        }
    }
}
