package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

class SenderUuidIdsTest {

    private static final String UUID = "d80dacc9-c525-45b2-4960-b380bf9df9ac";

    @Test
    void aPostUnderAUuidFullUrlIsStoredUnderThatUuid() {
        BundleEntryComponent entry = entry("urn:uuid:" + UUID, UUID, "Observation", null);

        SenderUuidIds.rewrite(entry);

        assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.PUT);
        assertThat(entry.getRequest().getUrl()).isEqualTo("Observation/" + UUID);
        assertThat(entry.getResource().getIdElement().getIdPart()).isEqualTo(UUID);
        assertThat(entry.getFullUrl()).isEqualTo("urn:uuid:" + UUID);
    }

    @Test
    void aResourceWhoseIdIsTheFullUrlAsHapisParserSetsItIsStoredUnderTheUuid() {
        BundleEntryComponent entry = entry("urn:uuid:" + UUID, "urn:uuid:" + UUID, "Observation", null);

        SenderUuidIds.rewrite(entry);

        assertThat(entry.getRequest().getUrl()).isEqualTo("Observation/" + UUID);
        assertThat(entry.getResource().getIdElement().getIdPart()).isEqualTo(UUID);
    }

    @Test
    void aResourceWithoutAnIdTakesTheUuid() {
        BundleEntryComponent entry = entry("urn:uuid:" + UUID.toUpperCase(), null, "/Observation", null);

        SenderUuidIds.rewrite(entry);

        assertThat(entry.getRequest().getUrl()).isEqualTo("Observation/" + UUID);
    }

    @Test
    void conditionalCreatesTemporaryNamesAndOtherIdsAreLeftAsSent() {
        var conditional = entry("urn:uuid:" + UUID, UUID, "Observation", "identifier=x|1");
        var notAUuid = entry("urn:uuid:p1", null, "Observation", null);
        var otherId = entry("urn:uuid:" + UUID, "obs-1", "Observation", null);
        var otherType = entry("urn:uuid:" + UUID, UUID, "Patient", null);

        for (BundleEntryComponent entry : new BundleEntryComponent[] {conditional, notAUuid, otherId, otherType}) {
            String url = entry.getRequest().getUrl();
            SenderUuidIds.rewrite(entry);
            assertThat(entry.getRequest().getMethod()).isEqualTo(HTTPVerb.POST);
            assertThat(entry.getRequest().getUrl()).isEqualTo(url);
        }
    }

    private static BundleEntryComponent entry(String fullUrl, String id, String url, String ifNoneExist) {
        Observation observation = new Observation();
        if (id != null) {
            observation.setId(id);
        }
        BundleEntryComponent entry = new Bundle().addEntry().setFullUrl(fullUrl).setResource(observation);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(url).setIfNoneExist(ifNoneExist);
        return entry;
    }
}
