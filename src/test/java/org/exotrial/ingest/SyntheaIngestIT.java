package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.Test;

/**
 * A Synthea 3.3 export posted as a hospital interface posts it, with the {@code ehr} role's token: the organizations and
 * practitioners, then one transaction per patient, as Synthea wrote them. Every bundle is accepted, the server then
 * holds exactly what was sent, type by type, and a resend of the whole export stores nothing new.
 */
class SyntheaIngestIT extends ServerIT {

    @Test
    void aSyntheaExportIsStoredWholeAndAResendStoresNothingNew() throws Exception {
        List<SyntheaRecords.Record> records = SyntheaRecords.all();
        Map<String, Integer> sent = SyntheaRecords.entriesPerType(records);
        assertThat(sent).containsKeys("Claim", "ExplanationOfBenefit", "Immunization", "CareTeam", "SupplyDelivery");
        Map<String, Integer> before = storedPerType(sent.keySet());

        for (SyntheaRecords.Record record : records) {
            Bundle response = post(record);
            assertThat(response.getEntry())
                    .as(record.name())
                    .hasSize(record.parse().getEntry().size())
                    .allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
        }
        Map<String, Integer> afterFirst = storedPerType(sent.keySet());
        assertThat(difference(afterFirst, before)).isEqualTo(sent);

        for (SyntheaRecords.Record record : records) {
            Bundle response = post(record);
            assertThat(response.getEntry()).as(record.name() + ", resent").allSatisfy(e -> {
                // Found, not created; and unchanged, so no new version.
                assertThat(e.getResponse().getStatus()).startsWith("200");
                assertThat(e.getResponse().getLocation()).endsWith("/_history/1");
            });
        }
        assertThat(storedPerType(sent.keySet())).isEqualTo(afterFirst);
    }

    @Test
    void aPatientsResourcesKeepTheIdsTheHospitalGaveThem() throws Exception {
        SyntheaRecords.Record record = SyntheaRecords.all().get(2);
        Bundle sent = record.parse();
        // Posted (again, if the test above ran first): the ids are the same either way.
        Bundle response = post(record);

        List<String> expected = new ArrayList<>();
        for (BundleEntryComponent entry : sent.getEntry()) {
            // Synthea's fullUrl is urn:uuid:<the resource's id>.
            expected.add(
                    entry.getResource().fhirType() + "/" + entry.getFullUrl().substring("urn:uuid:".length()));
        }
        List<String> stored = response.getEntry().stream()
                .map(e -> e.getResponse().getLocation().replaceFirst("/_history/.*", ""))
                .toList();
        assertThat(stored).isEqualTo(expected);
    }

    private Bundle post(SyntheaRecords.Record record) throws Exception {
        HttpResponse<String> response = send(request("", Role.EHR)
                .timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(record.json())));
        assertThat(response.statusCode())
                .as(record.name() + ": " + response.body())
                .isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
    }

    /** How many resources of each type the server holds, counted by the admin (whom no blinding hides anything from). */
    private Map<String, Integer> storedPerType(Iterable<String> types) throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (String type : types) {
            HttpResponse<String> response = send(request("/" + type + "?_summary=count")
                    .header("Cache-Control", "no-cache")
                    .GET());
            assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(200);
            counts.put(
                    type,
                    FHIR.newJsonParser()
                            .parseResource(Bundle.class, response.body())
                            .getTotal());
        }
        return counts;
    }

    private static Map<String, Integer> difference(Map<String, Integer> after, Map<String, Integer> before) {
        Map<String, Integer> difference = new TreeMap<>();
        after.forEach((type, n) -> difference.put(type, n - before.getOrDefault(type, 0)));
        return difference;
    }
}
