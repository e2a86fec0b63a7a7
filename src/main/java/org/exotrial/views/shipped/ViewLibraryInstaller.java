package org.exotrial.views.shipped;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Library;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores each shipped view as a {@code Library} at every start, by a fixed id. Why a Library: ViewDefinition is not
 * an R4 resource type, so HAPI cannot store or search it; a Library is the R4 resource made for carrying a
 * definition as content (Library.content, an attachment), it has a canonical {@code url}, and it comes with read,
 * search by {@code url}/{@code type}/{@code name}, history, scopes and audit for free. A listing endpoint of our own
 * would need all of that written again. An update with unchanged content makes no new version.
 */
final class ViewLibraryInstaller {

    static final String LIBRARY_TYPE_SYSTEM = "https://exotrial.org/fhir/CodeSystem/exotrial-library-type";
    static final String LIBRARY_TYPE_CODE = "view-definition";

    private static final Logger log = LoggerFactory.getLogger(ViewLibraryInstaller.class);

    private final DaoRegistry daos;

    ViewLibraryInstaller(DaoRegistry daos) {
        this.daos = daos;
    }

    void install(List<ShippedView> views) {
        for (ShippedView view : views) {
            daos.getResourceDao(Library.class).update(library(view), new SystemRequestDetails());
        }
        log.info(
                "Shipped ViewDefinitions stored as Library: {}",
                views.stream().map(ShippedView::id).toList());
    }

    static Library library(ShippedView view) {
        Library library = new Library();
        library.setId("Library/" + view.id());
        library.setUrl(view.url());
        library.setName(view.id().replace('-', '_'));
        library.setTitle("SQL on FHIR ViewDefinition " + view.id());
        library.setStatus(PublicationStatus.ACTIVE);
        library.getType().addCoding().setSystem(LIBRARY_TYPE_SYSTEM).setCode(LIBRARY_TYPE_CODE);
        library.setDescription("The ViewDefinition " + view.url() + ", as its application/json content. Run it with"
                + " $viewdefinition-run or $viewdefinition-export, viewReference=" + view.url());
        library.addContent()
                .setContentType("application/json")
                .setTitle(view.id() + ".json")
                .setData(view.json().getBytes(StandardCharsets.UTF_8));
        return library;
    }
}
