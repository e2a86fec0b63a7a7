package org.exotrial.views.shipped;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.ig.InstalledGuide;
import org.exotrial.views.ViewLibrary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** The trial's ViewDefinitions, read from the guide and stored as Library resources (see {@link ViewLibraryInstaller}). */
@Configuration(proxyBeanMethods = false)
class ShippedViewsConfig {

    /** Stored after the guide's installation ({@code installed}: its code systems first), before requests come. */
    @Bean
    ShippedViews shippedViews(ImplementationGuide guide, DaoRegistry daos, InstalledGuide installed) {
        ShippedViews views = ShippedViews.of(guide);
        new ViewLibraryInstaller(daos).install(views.all());
        return views;
    }

    /**
     * The {@link ViewLibrary} seam of {@code $viewdefinition-run} and {@code $viewdefinition-export}: the shipped views
     * by canonical URL, {@code ViewDefinition/<id>}, {@code Library/<id>} or bare id. Primary over the views
     * capability's empty default.
     */
    @Bean
    @Primary
    ViewLibrary shippedViewLibrary(ShippedViews views) {
        return reference -> views.find(reference).map(ShippedView::json);
    }
}
