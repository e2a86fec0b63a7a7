package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The guide's subscription topics are stored at startup and served as Basic resources. */
class SubscriptionTopicsIT extends ServerIT {

    private static final List<String> TOPICS = List.of(
            "https://exotrial.org/fhir/SubscriptionTopic/adverse-event",
            "https://exotrial.org/fhir/SubscriptionTopic/outcome-recorded",
            "https://exotrial.org/fhir/SubscriptionTopic/subject-enrolment");

    @Autowired
    InstalledTopics installed;

    @Autowired
    DaoRegistry daos;

    @Autowired
    ImplementationGuide guide;

    @Autowired
    FhirContext fhir;

    @Test
    void theThreeTopicsAreServedWithTheirCanonicalUrls() throws Exception {
        HttpResponse<String> response =
                send(request("/Basic?code=http://hl7.org/fhir/fhir-types%7CSubscriptionTopic", Role.ADMIN));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        List<String> urls = bundle.getEntry().stream()
                .map(e -> TopicInstaller.url((Basic) e.getResource()))
                .sorted()
                .toList();
        assertThat(urls).containsExactlyElementsOf(TOPICS);
        assertThat(installed.urls()).containsExactlyInAnyOrderElementsOf(TOPICS);
    }

    @Test
    void storingTheTopicsAgainMakesNoNewVersion() throws Exception {
        // What every restart does: the unchanged topics are updated by their ids.
        new TopicInstaller(daos).install(guide.definitions(fhir, "Basic"));

        HttpResponse<String> response = send(request("/Basic/subject-enrolment/_history", Role.ADMIN));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle history = FHIR.newJsonParser().parseResource(Bundle.class, response.body());
        assertThat(history.getEntry()).hasSize(1);
        assertThat(history.getEntryFirstRep().getResource().getMeta().getVersionId())
                .isEqualTo("1");
    }
}
