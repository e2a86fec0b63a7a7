package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.SummaryEnum;
import java.util.ArrayList;
import java.util.List;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search features analysts rely on, each against data created for the test. */
class SearchIT extends ServerIT {

    private static final String MRN = "https://exotrial.org/fhir/sid/mrn";
    private static final String TAG = "https://exotrial.org/fhir/test-tag";
    private static final int OBSERVATIONS = 25;

    private String tag;
    private String mrn;
    private IdType patientId;

    @BeforeEach
    void createPatientWithObservations() {
        tag = unique("search");
        mrn = unique("mrn");
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        patient.getMeta().addTag(TAG, tag, null);
        patientId = (IdType) fhir().create().resource(patient).execute().getId().toUnqualifiedVersionless();

        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < OBSERVATIONS; i++) {
            Observation obs = taggedHeartRate();
            obs.setEffective(new org.hl7.fhir.r4.model.DateTimeType("2025-01-%02dT08:00:00Z".formatted(i + 1)));
            tx.addEntry()
                    .setResource(obs)
                    .getRequest()
                    .setMethod(Bundle.HTTPVerb.POST)
                    .setUrl("Observation");
        }
        fhir().transaction().withBundle(tx).execute();
    }

    @Test
    void pagingWalksEveryResultExactlyOnce() {
        Bundle page = fhir().search()
                .forResource(Observation.class)
                .withTag(TAG, tag)
                .count(10)
                .returnBundle(Bundle.class)
                .execute();
        List<String> ids = new ArrayList<>();
        int pages = 0;
        while (true) {
            pages++;
            page.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = fhir().loadPage().next(page).execute();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(OBSERVATIONS).doesNotHaveDuplicates();
    }

    @Test
    void summaryCountReturnsOnlyTheTotal() {
        Bundle counted = countTagged();
        assertThat(counted.getTotal()).isEqualTo(OBSERVATIONS);
        assertThat(counted.getEntry()).isEmpty();
    }

    @Test
    void aSearchRepeatedAfterAWriteSeesTheWrite() {
        assertThat(countTagged().getTotal()).isEqualTo(OBSERVATIONS);
        assertThat(tagged().getEntry()).hasSize(OBSERVATIONS);

        fhir().create().resource(taggedHeartRate()).execute();

        // The same URLs within seconds: HAPI's default would answer both from the searches above.
        assertThat(countTagged().getTotal()).isEqualTo(OBSERVATIONS + 1);
        assertThat(tagged().getEntry()).hasSize(OBSERVATIONS + 1);
    }

    /** Heart rate: a code the guide does not profile, so the tests exercise plain FHIR search behaviour. */
    private Observation taggedHeartRate() {
        Observation obs = new Observation();
        obs.getMeta().addTag(TAG, tag, null);
        obs.setStatus(Observation.ObservationStatus.FINAL);
        obs.getCode().addCoding().setSystem("http://loinc.org").setCode("8867-4");
        obs.setSubject(new Reference(patientId));
        return obs;
    }

    private Bundle countTagged() {
        return fhir().search()
                .forResource(Observation.class)
                .withTag(TAG, tag)
                .summaryMode(SummaryEnum.COUNT)
                .returnBundle(Bundle.class)
                .execute();
    }

    private Bundle tagged() {
        return fhir().search()
                .forResource(Observation.class)
                .withTag(TAG, tag)
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
    }

    @Test
    void includeAndRevincludeBringTheLinkedResources() {
        Bundle withPatient = fhir().search()
                .forResource(Observation.class)
                .withTag(TAG, tag)
                .include(Observation.INCLUDE_SUBJECT)
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(withPatient.getEntry())
                .filteredOn(e -> e.getResource() instanceof Patient)
                .hasSize(1);

        Bundle withObservations = fhir().search()
                .forResource(Patient.class)
                .where(Patient.RES_ID.exactly().code(patientId.getIdPart()))
                .revInclude(Observation.INCLUDE_SUBJECT)
                .count(100)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(withObservations.getEntry())
                .filteredOn(e -> e.getResource() instanceof Observation)
                .hasSize(OBSERVATIONS);
    }

    @Test
    void chainedSearchFindsObservationsByPatientIdentifier() {
        Bundle found = fhir().search()
                .forResource(Observation.class)
                .where(Observation.SUBJECT.hasChainedProperty(
                        Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN, mrn)))
                .summaryMode(SummaryEnum.COUNT)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getTotal()).isEqualTo(OBSERVATIONS);
    }

    @Test
    void hasFindsPatientsByTheirObservations() {
        Bundle found = fhir().search()
                .byUrl("Patient?_has:Observation:subject:_tag=" + TAG + "|" + tag)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry())
                .extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(patientId.getIdPart());
    }

    @Test
    void sortAndElementsShapeTheResult() {
        Bundle sorted = fhir().search()
                .byUrl("Observation?_tag=" + TAG + "|" + tag + "&_sort=-date&_count=3&_elements=effective")
                .returnBundle(Bundle.class)
                .execute();
        Observation first = (Observation) sorted.getEntryFirstRep().getResource();
        assertThat(first.getEffectiveDateTimeType().getValueAsString()).startsWith("2025-01-25");
        assertThat(first.hasSubject()).as("_elements leaves out the subject").isFalse();
    }

    @Test
    void everythingReturnsThePatientCompartment() {
        Parameters in = new Parameters();
        Bundle everything = fhir().operation()
                .onInstance(patientId)
                .named("$everything")
                .withParameters(in)
                .returnResourceType(Bundle.class)
                .useHttpGet()
                .execute();
        List<Bundle.BundleEntryComponent> entries = new ArrayList<>(everything.getEntry());
        Bundle page = everything;
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            page = fhir().loadPage().next(page).execute();
            entries.addAll(page.getEntry());
        }
        assertThat(entries)
                .filteredOn(e -> e.getResource() instanceof Observation)
                .hasSize(OBSERVATIONS);
        assertThat(entries).filteredOn(e -> e.getResource() instanceof Patient).hasSize(1);
    }
}
