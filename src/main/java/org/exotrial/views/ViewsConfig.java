package org.exotrial.views;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.Optional;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.views.engine.FhirPathViewCompiler;
import org.exotrial.views.engine.ViewCompiler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** SQL-on-FHIR v2 views: the engine and {@code $viewdefinition-run} (docs/views.md). */
@Configuration(proxyBeanMethods = false)
class ViewsConfig {

    @Bean
    ViewCompiler viewCompiler(FhirContext fhir) {
        return new FhirPathViewCompiler(fhir);
    }

    /** No views held until the trial's shipped views arrive (issue 33, views-export). */
    @Bean
    @ConditionalOnMissingBean
    ViewLibrary viewLibrary() {
        return reference -> Optional.empty();
    }

    @Bean
    FhirServerCustomizer viewRun(
            ViewCompiler compiler, ViewLibrary library, DaoRegistry daos, CallerBlinding blinding, FhirContext fhir) {
        return server -> server.registerProvider(
                new ViewRunOperation(compiler, library, new ServerResources(daos, fhir), blinding, fhir));
    }

    @Bean
    FilterRegistrationBean<ViewDefinitionPaths> viewDefinitionPaths() {
        var registration = new FilterRegistrationBean<>(new ViewDefinitionPaths());
        registration.addUrlPatterns("/fhir/ViewDefinition/*");
        return registration;
    }
}
