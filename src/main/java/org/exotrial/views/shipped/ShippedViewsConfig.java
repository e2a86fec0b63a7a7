package org.exotrial.views.shipped;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.ig.InstalledGuide;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
