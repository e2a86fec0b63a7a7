package org.exotrial.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class SearchPatientsTest {

    private final SearchPatients searchPatients = new SearchPatients(new CallerAuditContext());

    @Test
    void aSearchPageIsShownToBalpAsOneResourceAndItsOtherPatientsAreRemembered() {
        ServletRequestDetails request = request(RestOperationTypeEnum.SEARCH_TYPE);
        Observation first = observation("o1", "Patient/a");
        IPreResourceShowDetails page = new SimplePreResourceShowDetails(List.of(
                new Organization().setId("Organization/x"),
                first,
                observation("o2", "Patient/b"),
                observation("o3", "Patient/a"),
                new Patient().setId("Patient/c"),
                procedure("p1", "Patient/d")));

        IPreResourceShowDetails shown = searchPatients.forBalp(page, request);

        assertThat(shown.getAllResources()).containsExactly(first);
        assertThat(SearchPatients.released(request)).containsExactly("Patient/b", "Patient/c", "Patient/d");
        assertThat(SearchPatients.released(request)).as("released once").isEmpty();
    }

    @Test
    void theNextPageOfTheSameRequestAddsToWhatIsRemembered() {
        ServletRequestDetails request = request(RestOperationTypeEnum.GET_PAGE);
        searchPatients.forBalp(pageOf(observation("o1", "Patient/a"), observation("o2", "Patient/b")), request);
        searchPatients.forBalp(pageOf(observation("o3", "Patient/e"), observation("o4", "Patient/f")), request);
        assertThat(SearchPatients.released(request)).containsExactly("Patient/b", "Patient/f");
    }

    @Test
    void pagesWithoutPatientDataReadsAndSingleResultsAreShownWhole() {
        IPreResourceShowDetails organisations =
                pageOf(new Organization().setId("Organization/x"), new Organization().setId("Organization/y"));
        assertThat(searchPatients.forBalp(organisations, request(RestOperationTypeEnum.SEARCH_TYPE)))
                .isSameAs(organisations);

        IPreResourceShowDetails one = pageOf(observation("o1", "Patient/a"));
        assertThat(searchPatients.forBalp(one, request(RestOperationTypeEnum.SEARCH_TYPE)))
                .isSameAs(one);

        IPreResourceShowDetails two = pageOf(observation("o1", "Patient/a"), observation("o2", "Patient/b"));
        ServletRequestDetails read = request(RestOperationTypeEnum.READ);
        assertThat(searchPatients.forBalp(two, read)).isSameAs(two);
        assertThat(SearchPatients.released(read)).isEmpty();
    }

    private static IPreResourceShowDetails pageOf(IBaseResource... resources) {
        return new SimplePreResourceShowDetails(List.of(resources));
    }

    private static ServletRequestDetails request(RestOperationTypeEnum operation) {
        ServletRequestDetails request = new ServletRequestDetails();
        request.setServer(new RestfulServer(FhirContext.forR4Cached()));
        request.setRestOperationType(operation);
        return request;
    }

    private static Observation observation(String id, String patient) {
        Observation observation = new Observation();
        observation.setId("Observation/" + id);
        observation.setSubject(new Reference(patient));
        return observation;
    }

    private static Procedure procedure(String id, String patient) {
        Procedure procedure = new Procedure();
        procedure.setId("Procedure/" + id);
        procedure.setSubject(new Reference(patient));
        return procedure;
    }
}
