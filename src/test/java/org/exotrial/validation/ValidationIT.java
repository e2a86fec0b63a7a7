package org.exotrial.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.demo.DemoProperties;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.ingest.TrialFixture;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** One validation, over HTTP: transactions refused with every failing entry, $validate as the write, core rules. */
class ValidationIT extends ServerIT {

    private static final Path INVALID = Path.of("src/test/resources/ig/invalid");
    private static final String CCIS = "https://exotrial.org/fhir/CodeSystem/exotrial-observation|ccis";
    private static final String QOLAFQ = "https://exotrial.org/fhir/CodeSystem/exotrial-observation|qolafq";

    @Autowired
    private IgValidator validator;

    private HttpResponse<String> post(String path, String json) throws Exception {
        return send(request(path)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Resource invalidFixture(String name) throws Exception {
        Resource resource =
                (Resource) FHIR.newJsonParser().parseResource(Files.readString(INVALID.resolve(name + ".json")));
        resource.setId((String) null);
        return resource;
    }

    private static OperationOutcome outcome(HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
                .toList();
    }

    /**
     * A valid participant and four bad entries of different kinds (a constraint of the IL-6 profile, a pattern of the
     * LAR profile, a cardinality of the subject profile, FHIR's core rules on a Condition no profile covers): one
     * refusal lists all four with index, fullUrl and element, and stores nothing.
     */
    @Test
    void aTransactionWithSeveralBadEntriesIsRefusedListingEveryOne() throws Exception {
        TrialFixture trial = TrialFixture.unique();
        Bundle bundle = trial.bundle(FHIR);
        int first = bundle.getEntry().size();
        Condition noSubject = new Condition();
        noSubject.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("363351006");
        List<Resource> bad = List.of(
                invalidFixture("il6-wrong-unit"),
                invalidFixture("lar-wrong-reason"),
                invalidFixture("subject-missing-arm"),
                noSubject);
        for (int i = 0; i < bad.size(); i++) {
            bundle.addEntry()
                    .setFullUrl("urn:uuid:00000000-0000-4000-8000-0000000000b" + i)
                    .setResource(bad.get(i))
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl(bad.get(i).fhirType());
        }

        var response = post("", FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).doesNotContain("ValidationMessage[");
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = errors(outcome(response));
        Map<String, String> elementByEntry = Map.of(
                "Bundle.entry[" + first + "]", ".resource.value",
                "Bundle.entry[" + (first + 1) + "]", ".resource.reasonCode",
                "Bundle.entry[" + (first + 2) + "]", ".resource",
                "Bundle.entry[" + (first + 3) + "]", ".resource");
        for (int i = 0; i < bad.size(); i++) {
            String entry = "Bundle.entry[" + (first + i) + "]";
            String fullUrl = "urn:uuid:00000000-0000-4000-8000-0000000000b" + i;
            assertThat(issues).as(entry).anySatisfy(issue -> {
                assertThat(issue.getDiagnostics()).startsWith(entry + " (fullUrl " + fullUrl + ")");
                assertThat(issue.getExpression().get(0).getValue()).startsWith(entry + elementByEntry.get(entry));
            });
        }
        assertThat(issues).noneSatisfy(issue -> assertThat(issue.getDiagnostics())
                .matches("Bundle\\.entry\\[[0-" + (first - 1) + "]].*"));
        assertThat(response.body())
                .contains("exotrial-pg-per-ml")
                .contains("363351006")
                .contains("ResearchSubject.assignedArm")
                .contains("Condition.subject");
        assertThat(patientsWithMrn(trial.mrn())).isEmpty();
    }

    /** Entries are validated once, before the transaction is processed, and not again as HAPI stores them. */
    @Test
    void aTransactionIsValidatedOnce() throws Exception {
        Bundle bundle = TrialFixture.unique().bundle(FHIR);
        // A conditional update besides the fixture's conditional creates: HAPI stores both kinds as sent.
        String mrn = unique("validated-once");
        Patient other = new Patient();
        other.addIdentifier().setSystem(MRN).setValue(mrn);
        bundle.addEntry()
                .setResource(other)
                .getRequest()
                .setMethod(HTTPVerb.PUT)
                .setUrl("Patient?identifier=" + MRN + "|" + mrn);
        long writes = bundle.getEntry().stream()
                .filter(e -> e.getRequest().getMethod() == HTTPVerb.POST
                        || e.getRequest().getMethod() == HTTPVerb.PUT)
                .count();
        long before = validator.validations();

        var response = post("", FHIR.newJsonParser().encodeResourceToString(bundle));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(validator.validations() - before).isEqualTo(writes);
    }

    /** $validate with the write's chain: the guide's own examples (unknown LOINC codes included) have no error. */
    @Test
    void validateFindsNoErrorInAnyExampleOfTheGuide() throws Exception {
        List<IBaseResource> examples = ImplementationGuide.fromClasspath(FHIR).examples(FHIR);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> checks = new ArrayList<>();
            for (IBaseResource example : examples) {
                checks.add(pool.submit(() -> {
                    var response = post(
                            "/" + example.fhirType() + "/$validate",
                            FHIR.newJsonParser().encodeResourceToString(example));
                    String name =
                            example.fhirType() + "/" + example.getIdElement().getIdPart();
                    assertThat(response.statusCode())
                            .as(name + " " + response.body())
                            .isEqualTo(200);
                    assertThat(errors(outcome(response)))
                            .as(name + " " + response.body())
                            .isEmpty();
                    return null;
                }));
            }
            for (Future<?> check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(examples).hasSize(29);
    }

    /** Each of the guide's failing examples: $validate reports exactly the errors the write refuses it for. */
    @Test
    void validateReportsTheErrorsTheWriteRefusesFor() throws Exception {
        List<Path> fixtures;
        try (var files = Files.list(INVALID)) {
            fixtures = files.sorted().toList();
        }
        for (Path fixture : fixtures) {
            Resource resource = invalidFixture(fixture.getFileName().toString().replace(".json", ""));
            String json = FHIR.newJsonParser().encodeResourceToString(resource);

            var write = post("/" + resource.fhirType(), json);
            var validate = post("/" + resource.fhirType() + "/$validate", json);

            assertThat(write.statusCode()).as(fixture + " " + write.body()).isEqualTo(422);
            List<String> refused = errors(outcome(write)).stream()
                    .map(i -> i.getDiagnostics().substring(i.getDiagnostics().indexOf(": ") + 2))
                    .sorted()
                    .toList();
            List<String> reported = errors(outcome(validate)).stream()
                    .map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                    .sorted()
                    .toList();
            assertThat(reported).as(fixture.toString()).isEqualTo(refused).isNotEmpty();
        }
    }

    /** Patterns fix system and code; a display other than the guide's is accepted. */
    @Test
    void aDifferentDisplayIsAccepted() throws Exception {
        // A demo participant's resection as the generator writes it, about the case report's patient (a generated
        // participant's record must stay as generated: DemoCohortIT counts it).
        Procedure lar = new CohortGenerator(DemoProperties.COHORT_SEED)
                .participant(demoParticipant(LAR_TRIAL, "Exosome", 0)).getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResource)
                        .filter(r -> r instanceof Procedure p
                                && "4558008"
                                        .equals(p.getCode().getCodingFirstRep().getCode()))
                        .map(Procedure.class::cast)
                        .findFirst()
                        .orElseThrow();
        lar.setSubject(new Reference("Patient/fistula-patient"));
        lar.getIdentifier().clear();
        lar.getCode().getCodingFirstRep().setDisplay("LAR");
        lar.getReasonCodeFirstRep().getCodingFirstRep().setDisplay("Rectal adenocarcinoma");
        String json = FHIR.newJsonParser().encodeResourceToString(lar);

        var validate = post("/Procedure/$validate", json);
        var write = post("/Procedure", json);

        assertThat(errors(outcome(validate))).as(validate.body()).isEmpty();
        assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
    }

    /** A resource the guide says nothing about still meets FHIR's core rules. */
    @Test
    void aResourceOutsideTheTrialIsRefusedForBreakingTheCoreRules() throws Exception {
        Condition noSubject = new Condition();
        noSubject.getCode().addCoding().setSystem("http://snomed.info/sct").setCode("363351006");

        var response = post("/Condition", FHIR.newJsonParser().encodeResourceToString(noSubject));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("Condition.subject").contains("does not conform to FHIR R4");
    }

    /** A hospital's patient: US Core claimed (not carried here), SNOMED and LOINC unknown offline: accepted. */
    @Test
    void aHospitalPatientClaimingAnotherGuideIsAccepted() throws Exception {
        Bundle sample = FHIR.newJsonParser()
                .parseResource(
                        Bundle.class,
                        Files.readString(Path.of("src/test/resources/validation/synthea-one-of-each-type.json")));
        Patient patient = (Patient) sample.getEntry().get(0).getResource().copy();
        patient.setId((String) null);
        patient.getIdentifier().forEach(i -> i.setValue(unique(i.getValue())));

        var response = post("/Patient", FHIR.newJsonParser().encodeResourceToString(patient));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void scoresAreSearchableByValue() {
        List<Observation> ccisAbove5 = search("Observation?code=" + CCIS + "&value-integer=gt5&_count=200");
        List<Observation> allCcis = search("Observation?code=" + CCIS + "&_count=200");
        List<Observation> qolafqBelow30 = search("Observation?code=" + QOLAFQ + "&value-integer=lt30&_count=200");

        assertThat(ids(ccisAbove5)).contains("fistula-ccis-baseline").doesNotContain("fistula-ccis-6-months");
        assertThat(ids(ccisAbove5))
                .containsExactlyInAnyOrderElementsOf(ids(allCcis.stream()
                        .filter(o -> ((IntegerType) o.getValue()).getValue() > 5)
                        .toList()));
        assertThat(ids(qolafqBelow30)).contains("fistula-qolafq-6-months").doesNotContain("fistula-qolafq-baseline");
        assertThat(qolafqBelow30).allSatisfy(o -> assertThat(((IntegerType) o.getValue()).getValue())
                .isLessThan(30));
        // An item score of 4 (gas, at baseline); at six months every item is 0.
        assertThat(ids(search("Observation?code=" + CCIS + "&component-value-integer=4&_count=200")))
                .contains("fistula-ccis-baseline")
                .doesNotContain("fistula-ccis-6-months");
    }

    private List<Observation> search(String url) {
        return fhir().search().byUrl(url).returnBundle(Bundle.class).execute().getEntry().stream()
                .map(e -> (Observation) e.getResource())
                .toList();
    }

    private static List<String> ids(List<Observation> observations) {
        return observations.stream().map(o -> o.getIdElement().getIdPart()).collect(Collectors.toList());
    }
}
