package org.exotrial.views;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.FhirTerser;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;

/**
 * The server's resources of one type, page by page from the DAO, narrowed by {@code patient}, {@code group} and
 * {@code _since}. It reads as the server, unmasked: the caller's rights and blinding are applied resource by resource by
 * {@link ViewRunOperation}, which needs the stored resource next to the masked copy to tell a withheld value from an
 * absent one.
 */
public final class ServerResources {

    private final DaoRegistry daos;
    private final FhirContext fhir;
    private final int page;

    /** @param page how many resources are loaded from the database at a time */
    public ServerResources(DaoRegistry daos, FhirContext fhir, int page) {
        this.daos = daos;
        this.fhir = fhir;
        this.page = page;
    }

    public interface Sink {
        /** Takes one resource; false to stop reading (the row limit is reached). */
        boolean accept(IBaseResource resource) throws java.io.IOException;
    }

    /** The member patients' ids of a Group; 404 when there is no such group. */
    List<String> groupMembers(String groupId) {
        Group group;
        try {
            group = (Group) daos.getResourceDao("Group").read(new IdType("Group", groupId), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
            throw new ResourceNotFoundException("Group/" + groupId + " is not known");
        }
        return group.getMember().stream()
                .map(m -> m.getEntity().getReferenceElement())
                .filter(id -> "Patient".equals(id.getResourceType()))
                .map(id -> id.getIdPart())
                .distinct()
                .toList();
    }

    /**
     * Hands each resource of the type to the sink, oldest page first.
     *
     * @param patients only resources in these patients' compartments; null for all
     * @param server the FHIR server, whose database-backed paging lets the search run as a stored search: a server
     *     request without it runs synchronously, cut at the fetch size maximum (the largest page), so a type with more
     *     resources than that lost the rest
     */
    public void read(String type, List<String> patients, Date since, RestfulServer server, Sink sink)
            throws java.io.IOException {
        if (patients != null && patients.isEmpty()) {
            return;
        }
        SearchParameterMap map = new SearchParameterMap();
        if (since != null) {
            map.setLastUpdated(new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, since), null));
        }
        Predicate<IBaseResource> inCompartment = r -> true;
        if (patients != null) {
            if (type.equals("Patient")) {
                TokenOrListParam ids = new TokenOrListParam();
                patients.forEach(id -> ids.addOr(new ca.uhn.fhir.rest.param.TokenParam(id)));
                map.add("_id", ids);
            } else {
                if (fhir.getResourceDefinition(type).getSearchParam("patient") != null) {
                    ReferenceOrListParam refs = new ReferenceOrListParam();
                    patients.forEach(id -> refs.addOr(new ReferenceParam("Patient/" + id)));
                    map.add("patient", refs);
                }
                // The patient compartment exactly (every reference that puts a resource in it), also for types
                // without a "patient" search parameter.
                FhirTerser terser = fhir.newTerser();
                List<IdType> owners =
                        patients.stream().map(id -> new IdType("Patient", id)).toList();
                inCompartment = r ->
                        owners.stream().anyMatch(owner -> terser.isSourceInCompartmentForTarget("Patient", r, owner));
            }
        }
        IFhirResourceDao<?> dao = daos.getResourceDao(type);
        // Never a cached result of an earlier run (HAPI reuses a search's results for a minute): a view shows what
        // the server holds now. "no-cache", not "no-store", which would cut the results at HAPI's synchronous limit.
        SystemRequestDetails uncached = new SystemRequestDetails();
        uncached.addHeader(Constants.HEADER_CACHE_CONTROL, Constants.CACHE_CONTROL_NO_CACHE);
        uncached.setServer(server);
        IBundleProvider found = dao.search(map, uncached);
        int from = 0;
        while (true) {
            List<IBaseResource> resources = found.getResources(from, from + page);
            if (resources.isEmpty()) {
                return;
            }
            from += resources.size();
            for (IBaseResource resource : resources) {
                if (inCompartment.test(resource) && !sink.accept(resource)) {
                    return;
                }
            }
            Integer size = found.size();
            if (size != null && from >= size) {
                return;
            }
        }
    }
}
