package org.exotrial.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.interceptor.auth.CompartmentSearchParameterModifications;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Shows HAPI's BALP interceptor one resource of a search page instead of all of them. For a search BALP builds a whole
 * AuditEvent per patient of the page, each with a narrative that a new HL7 {@code XhtmlParser} parses (its constructor
 * defines some 2,000 HTML entities): 21 % of the request threads' CPU during the benchmark's searches (3 % since), for events that
 * {@link QueryEvents} then merges into one. Shown one resource that belongs to patients, BALP builds that event once;
 * the page's other patients, worked out here by BALP's own rule, are remembered on the request and added to the
 * merged event by {@link QueryEvents}. The stored event is the same as before: one PatientQuery event naming every
 * patient of the page.
 */
final class SearchPatients {

    private static final String UNSEEN = SearchPatients.class.getName() + ".unseen";
    private static final Set<RestOperationTypeEnum> SEARCHES = EnumSet.of(
            RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);

    private final IBalpAuditContextServices context;

    SearchPatients(IBalpAuditContextServices context) {
        this.context = context;
    }

    /** What BALP is shown of this page; the patients it is not shown are remembered on the request. */
    IPreResourceShowDetails forBalp(IPreResourceShowDetails page, ServletRequestDetails request) {
        if (!SEARCHES.contains(request.getRestOperationType()) || page.size() < 2) {
            return page;
        }
        IBaseResource shown = null;
        Set<String> shownPatients = Set.of();
        Set<String> others = new TreeSet<>();
        for (IBaseResource resource : page.getAllResources()) {
            if (resource == null) {
                continue; // removed from the response by an earlier interceptor
            }
            Set<String> patients = patients(resource, request);
            if (shown == null && !patients.isEmpty()) {
                shown = resource;
                shownPatients = patients;
            } else {
                others.addAll(patients);
            }
        }
        if (shown == null) {
            return page; // no patient's data: BALP writes one basic query event for the page either way
        }
        others.removeAll(shownPatients);
        unseen(request).addAll(others);
        return new SimplePreResourceShowDetails(shown);
    }

    /** The patients of the request's pages that BALP was not shown, now forgotten. */
    static Set<String> released(RequestDetails request) {
        Object unseen = request.getUserData().remove(UNSEEN);
        @SuppressWarnings("unchecked")
        Set<String> patients = unseen == null ? Set.of() : (Set<String>) unseen;
        return patients;
    }

    /**
     * BALP's rule (BalpAuditCaptureInterceptor, HAPI 8.8): a Patient is its own patient; any other resource belongs to
     * the owners of its Patient compartment, named as the context names ids for storage.
     */
    private Set<String> patients(IBaseResource resource, ServletRequestDetails request) {
        FhirContext fhir = request.getFhirContext();
        RuntimeResourceDefinition definition = fhir.getResourceDefinition(resource);
        if (definition.getName().equals("Patient")) {
            return Set.of(context.massageResourceIdForStorage(request, resource, resource.getIdElement()));
        }
        if (definition.getSearchParamsForCompartmentName("Patient").isEmpty()) {
            return Set.of();
        }
        Set<String> patients = new TreeSet<>();
        fhir.newTerser()
                .getCompartmentOwnersForResource(
                        "Patient",
                        resource,
                        CompartmentSearchParameterModifications.fromAdditionalAndOmittedSPNames(
                                definition.getName(), Set.of(), Set.of()))
                .forEach(owner -> patients.add(context.massageResourceIdForStorage(request, resource, owner)));
        return patients;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> unseen(RequestDetails request) {
        return (Set<String>) request.getUserData().computeIfAbsent(UNSEEN, key -> new TreeSet<String>());
    }
}
