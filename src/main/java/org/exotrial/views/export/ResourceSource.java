package org.exotrial.views.export;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Reads every stored resource of one type, page by page, narrowed to some patients and to changes since a time: what
 * a view of that type runs over in an export. The server's own read (no request of a client), so what the caller may
 * see is decided by the export itself: scopes at kick-off, blinding row by row.
 */
final class ResourceSource {

    /** What a view's rows are written by; may fail with an I/O error (the file being written). */
    interface Sink {
        void accept(IBaseResource resource) throws IOException;
    }

    private final DaoRegistry daos;
    private final int pageSize;
    private final Supplier<RestfulServer> server;

    /**
     * @param server the FHIR server, whose database-backed paging lets each search run as a stored search: a server
     *     request without it runs synchronously, cut at the fetch size maximum (the largest page), so a type with more
     *     resources than that lost the rest
     */
    ResourceSource(DaoRegistry daos, int pageSize, Supplier<RestfulServer> server) {
        this.daos = daos;
        this.pageSize = pageSize;
        this.server = server;
    }

    /** The search parameter that ties a resource of the type to a patient, or null when none does. */
    static String patientParameter(ca.uhn.fhir.context.FhirContext fhir, String type) {
        if ("Patient".equals(type)) {
            return "_id";
        }
        var definition = fhir.getResourceDefinition(type);
        for (String candidate : List.of("patient", "subject", "individual")) {
            var parameter = definition.getSearchParam(candidate);
            if (parameter != null && parameter.getTargets().contains("Patient")) {
                return candidate;
            }
        }
        return definition.getSearchParam("patient") != null ? "patient" : null;
    }

    /** Calls {@code sink} for each matching resource; returns how many there were. */
    long forEach(String type, List<String> patients, Date since, Sink sink) throws IOException {
        @SuppressWarnings("unchecked")
        IFhirResourceDao<IBaseResource> dao = (IFhirResourceDao<IBaseResource>) daos.getResourceDao(type);
        SearchParameterMap map = new SearchParameterMap();
        if (!patients.isEmpty()) {
            String parameter = patientParameter(dao.getContext(), type);
            if ("_id".equals(parameter)) {
                TokenOrListParam ids = new TokenOrListParam();
                patients.forEach(p -> ids.add(new TokenParam(p.substring(p.indexOf('/') + 1))));
                map.add("_id", ids);
            } else {
                ReferenceOrListParam references = new ReferenceOrListParam();
                patients.forEach(p -> references.add(new ReferenceParam(p)));
                map.add(parameter, references);
            }
        }
        if (since != null) {
            map.setLastUpdated(new DateRangeParam(since, null));
        }
        // Never a cached result of an earlier search (HAPI reuses a search's results for a minute): an export shows
        // what the server holds now. "no-cache", not "no-store", which would cut the results at HAPI's synchronous
        // limit. The same as $viewdefinition-run (views.ServerResources).
        SystemRequestDetails uncached = new SystemRequestDetails();
        uncached.addHeader(Constants.HEADER_CACHE_CONTROL, Constants.CACHE_CONTROL_NO_CACHE);
        uncached.setServer(server.get());
        IBundleProvider results = dao.search(map, uncached);
        long count = 0;
        for (int from = 0; ; from += pageSize) {
            List<IBaseResource> page = results.getResources(from, from + pageSize);
            for (IBaseResource resource : page) {
                sink.accept(resource);
                count++;
            }
            Integer size = results.size();
            if (page.isEmpty() || (size != null && from + pageSize >= size)) {
                return count;
            }
        }
    }
}
