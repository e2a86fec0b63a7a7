package org.exotrial.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.fhirpath.IFhirPath;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.exotrial.cohort.CohortGenerator;
import org.exotrial.demo.DemoProperties;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The guide as the server enforces it, over HTTP, on the demo data (the guide's examples, the demo cohort). */
class ImplementationGuideIT extends ServerIT {

    private static final ImplementationGuide GUIDE = ImplementationGuide.fromClasspath(FHIR);
    private static final List<IBaseResource> EXAMPLES = GUIDE.examples(FHIR);

    /** The guide's examples and the demo participants as the server stored them; see {@link #demoData()}. */
    private static List<IBaseResource> demoData;

    @Test
    void capabilityStatementListsEveryProfile() {
        CapabilityStatement cs =
                fhir().capabilities().ofType(CapabilityStatement.class).execute();
        Set<String> advertised = cs.getRestFirstRep().getResource().stream()
                .flatMap(r -> r.getSupportedProfile().stream().map(p -> p.getValue()))
                .collect(Collectors.toSet());
        Set<String> profiles =
                GUIDE.profilesByType().values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(profiles).hasSize(14);
        assertThat(advertised).containsAll(profiles);
    }

    /**
     * The stored profiles are the package's, snapshots included (generated at build time, decision 40), so neither
     * HAPI's installer nor the validator has to generate them at startup.
     */
    @Test
    void everyStoredProfileHasItsSnapshot() {
        Bundle stored = fhir().search()
                .byUrl("StructureDefinition?url:below=" + ImplementationGuide.PROFILE_BASE + "&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        assertThat(stored.getEntry())
                .hasSize(GUIDE.definitions(FHIR, "StructureDefinition").size())
                .extracting(e -> (StructureDefinition) e.getResource())
                .allSatisfy(sd -> assertThat(sd.getSnapshot().getElement())
                        .as(sd.getUrl())
                        .hasSizeGreaterThan(sd.getDifferential().getElement().size()));
    }

    /** Every example is written over HTTP (PUT by id, validated like any write) and reads back as sent. */
    @Test
    void everyExampleIsAcceptedOverHttpAndReadsBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new java.util.ArrayList<>();
            for (IBaseResource example : EXAMPLES) {
                writes.add(pool.submit(() -> {
                    String path = "/" + example.fhirType() + "/"
                            + example.getIdElement().getIdPart();
                    var response = send(request(path)
                            .header("Content-Type", "application/fhir+json")
                            .PUT(HttpRequest.BodyPublishers.ofString(
                                    FHIR.newJsonParser().encodeResourceToString(example))));
                    assertThat(response.statusCode())
                            .as(path + " " + response.body())
                            .isIn(200, 201);
                    IBaseResource read = fhir().read()
                            .resource(example.fhirType())
                            .withId(example.getIdElement().getIdPart())
                            .execute();
                    assertThat(read.getMeta().getProfile())
                            .extracting(p -> p.getValue())
                            .containsAll(example.getMeta().getProfile().stream()
                                    .map(p -> p.getValue())
                                    .toList());
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Stream<Arguments> invalidFixtures() {
        return ConformanceTest.INVALID_FIXTURES.keySet().stream().sorted().map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("invalidFixtures")
    void invalidFixtureIsRefusedWith422NamingTheElement(String fixture) throws Exception {
        String body = Files.readString(ConformanceTest.INVALID.resolve(fixture + ".json"));
        IBaseResource resource = FHIR.newJsonParser().parseResource(body);
        ConformanceTest.Expectation expected = ConformanceTest.INVALID_FIXTURES.get(fixture);

        var response = send(request("/" + resource.fhirType())
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(oo.getIssue()).as(response.body()).anySatisfy(issue -> {
            assertThat(issue.getDiagnostics()).contains(expected.mentions());
            assertThat(issue.getExpression()).isNotEmpty();
            String expression = issue.getExpression().get(0).getValue();
            assertThat(expression
                            .replaceAll("\\[\\d+]", "")
                            .replace(".ofType(", ".")
                            .replace(")", ""))
                    .startsWith(expected.at());
        });
    }

    @Test
    void aProfileIsInferredFromTheCodeAndRecorded() {
        Observation il6 = il6(12.5, "pg/mL");
        var created = fhir().create().resource(il6).execute();
        Observation read = fhir().read()
                .resource(Observation.class)
                .withId(created.getId().getIdPart())
                .execute();
        assertThat(read.getMeta().getProfile())
                .extracting(p -> p.getValue())
                .contains(ImplementationGuide.PROFILE_BASE + "exotrial-il6");
    }

    @Test
    void aTransactionWithOneNonConformingEntryIsRefusedAndStoresNothing() throws Exception {
        String marker = unique("tx-422");
        Bundle tx = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Observation good = il6(10, "pg/mL");
        good.addIdentifier().setSystem("https://exotrial.org/fhir/sid/test").setValue(marker);
        Observation bad = il6(10, "ng/mL");
        tx.addEntry()
                .setResource(good)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");
        tx.addEntry()
                .setResource(bad)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");

        var response = send(request("")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(tx))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("exotrial-pg-per-ml").contains("Observation.value");
        Bundle stored = fhir().search()
                .byUrl("Observation?identifier=https://exotrial.org/fhir/sid/test|" + marker)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(stored.getEntry()).isEmpty();
    }

    @Test
    void aSubjectArmMustBeAnArmOfItsStudy() throws Exception {
        ResearchSubject subject = new ResearchSubject();
        subject.setStatus(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
        subject.setStudy(new Reference("ResearchStudy/lar-exosome-trial"));
        subject.setIndividual(new Reference("Patient/fistula-patient"));
        subject.setAssignedArm("Homeopathy");

        var response = send(request("/ResearchSubject")
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(subject))));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Homeopathy").contains("\"ResearchSubject.assignedArm\"");
    }

    static Stream<Arguments> searchParameters() {
        return GUIDE.definitions(FHIR, "SearchParameter").stream()
                .map(sp -> Arguments.of(((SearchParameter) sp).getCode(), sp));
    }

    /**
     * Each IG search parameter, for a value that occurs in the demo data, returns exactly the demo resources whose
     * values (computed here with FHIRPath from the parameter's own expression) contain it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("searchParameters")
    void searchParameterReturnsExactlyTheExpectedExamples(String code, SearchParameter sp) {
        IFhirPath fhirPath = FHIR.newFhirPath();
        for (var base : sp.getBase()) {
            List<IBaseResource> candidates = demoData().stream()
                    .filter(r -> r.fhirType().equals(base.getValue()))
                    .toList();
            String value = null;
            Set<String> expected = new TreeSet<>();
            for (IBaseResource r : candidates) {
                List<String> values = fhirPath.evaluate(r, sp.getExpression(), IBase.class).stream()
                        .map(ImplementationGuideIT::searchValue)
                        .toList();
                if (value == null && !values.isEmpty()) {
                    value = values.get(0);
                }
                if (value != null && values.contains(value)) {
                    expected.add(r.getIdElement().getIdPart());
                }
            }
            if (value == null) {
                continue; // no demo data of this base type carries the element
            }
            // Candidates scanned before the first value was chosen might also carry it.
            for (IBaseResource r : candidates) {
                final String v = value;
                if (fhirPath.evaluate(r, sp.getExpression(), IBase.class).stream()
                        .map(ImplementationGuideIT::searchValue)
                        .anyMatch(v::equals)) {
                    expected.add(r.getIdElement().getIdPart());
                }
            }
            String modifier = sp.getType() == org.hl7.fhir.r4.model.Enumerations.SearchParamType.STRING ? ":exact" : "";
            String url = base.getValue() + "?" + code + modifier + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&_count=500&_elements=id";
            Set<String> found = new TreeSet<>();
            Bundle page = fhir().search().byUrl(url).returnBundle(Bundle.class).execute();
            while (true) {
                page.getEntry()
                        .forEach(e -> found.add(e.getResource().getIdElement().getIdPart()));
                if (page.getLink(Bundle.LINK_NEXT) == null) {
                    break;
                }
                page = fhir().loadPage().next(page).execute();
            }
            // Resources other tests create may also match; the demo resources must be exactly the expected ones.
            Set<String> exampleIds =
                    candidates.stream().map(r -> r.getIdElement().getIdPart()).collect(Collectors.toSet());
            found.retainAll(exampleIds);
            assertThat(found).as(url).isNotEmpty().isEqualTo(expected);
        }
    }

    /**
     * The guide's examples, and every resource of the shared server's demo participants as generated, with the id the
     * server gave it and its references to the participant's other resources (urn:uuid in the bundle) as stored.
     */
    private synchronized List<IBaseResource> demoData() {
        if (demoData != null) {
            return demoData;
        }
        List<IBaseResource> data = new ArrayList<>(EXAMPLES);
        CohortGenerator generator = new CohortGenerator(DemoProperties.COHORT_SEED);
        for (Bundle sent : generator.participants(0, DEMO_COHORT_SIZE)) {
            Map<String, String> stored = new HashMap<>();
            for (Bundle.BundleEntryComponent entry : sent.getEntry()) {
                Bundle found = fhir().search()
                        .byUrl(entry.getRequest().getUrl() + "?"
                                + entry.getRequest().getIfNoneExist())
                        .returnBundle(Bundle.class)
                        .execute();
                assertThat(found.getEntry())
                        .as(entry.getRequest().getIfNoneExist())
                        .hasSize(1);
                stored.put(
                        entry.getFullUrl(),
                        found.getEntryFirstRep()
                                .getResource()
                                .getIdElement()
                                .toUnqualifiedVersionless()
                                .getValue());
            }
            for (Bundle.BundleEntryComponent entry : sent.getEntry()) {
                Resource resource = entry.getResource().copy();
                resource.setId(stored.get(entry.getFullUrl()));
                FHIR.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class).stream()
                        .filter(ref -> stored.containsKey(ref.getReference()))
                        .forEach(ref -> ref.setReference(stored.get(ref.getReference())));
                data.add(resource);
            }
        }
        demoData = data;
        return data;
    }

    /** The search-URL form of a value an expression yields. */
    private static String searchValue(IBase value) {
        if (value instanceof Reference ref) {
            return ref.getReference();
        }
        if (value instanceof CodeableConcept cc) {
            Coding c = cc.getCodingFirstRep();
            return c.getSystem() + "|" + c.getCode();
        }
        if (value instanceof Coding c) {
            return c.getSystem() + "|" + c.getCode();
        }
        if (value instanceof org.hl7.fhir.r4.model.Identifier id) {
            return id.getSystem() + "|" + id.getValue();
        }
        if (value instanceof Quantity q) {
            return q.getValue().stripTrailingZeros().toPlainString() + "|" + q.getSystem() + "|" + q.getCode();
        }
        if (value instanceof IntegerType i) {
            return i.getValueAsString();
        }
        if (value instanceof PositiveIntType i) {
            return i.getValueAsString();
        }
        if (value instanceof StringType s) {
            return s.getValue();
        }
        return value.toString();
    }

    /**
     * A demo participant's serum IL-6 as stored, without its id, identifier and profile, with this value, and about
     * the case report's patient: what tests write must not join a generated participant's record (DemoCohortIT counts
     * those).
     */
    private Observation il6(double value, String unit) {
        Observation o = demoData().stream()
                .filter(r -> r instanceof Observation obs
                        && obs.getCode().getCoding().stream().anyMatch(c -> "26881-3".equals(c.getCode())))
                .map(Observation.class::cast)
                .findFirst()
                .orElseThrow()
                .copy();
        o.setId((String) null);
        o.getMeta().getProfile().clear();
        o.getIdentifier().clear();
        o.setSubject(new Reference("Patient/fistula-patient"));
        o.getValueQuantity().setValue(value).setUnit(unit).setCode(unit);
        return o;
    }
}
