package org.exotrial.views;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.Optional;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.views.engine.FhirPathViewCompiler;
import org.exotrial.views.engine.ViewCompiler;
import org.springframework.beans.factory.ObjectProvider;
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

    /**
     * The views the server holds come from a {@link ViewLibrary} bean, when there is one (the trial's shipped views,
     * issue 33); without one, no view is held and every {@code viewReference} is unknown.
     */
    @Bean
    FhirServerCustomizer viewRun(
            ViewCompiler compiler,
            ObjectProvider<ViewLibrary> library,
            DaoRegistry daos,
            CallerBlinding blinding,
            FhirContext fhir) {
        ViewLibrary views = library.getIfAvailable(() -> reference -> Optional.empty());
        return server -> server.registerProvider(
                new ViewRunOperation(compiler, views, new ServerResources(daos, fhir, 500), blinding, fhir));
    }

    @Bean
    FilterRegistrationBean<ViewDefinitionPaths> viewDefinitionPaths() {
        var registration = new FilterRegistrationBean<>(new ViewDefinitionPaths());
        registration.addUrlPatterns("/fhir/ViewDefinition/*");
        return registration;
    }
}
