package org.exotrial.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.exotrial.ig.IgNames;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.validation.IgValidator;
import org.exotrial.validation.ProfileSelector;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The generator's contract: determinism, conformance to the built guide, conditional creates, plausible statistics. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortGeneratorTest {

    static final Set<String> STUDIES = Set.of(
            "ResearchStudy/lar-exosome-trial",
            "ResearchStudy/secretome-route-study",
            "ResearchStudy/admire-cd-darvadstrocel");

    final FhirContext ctx = FhirContext.forR4Cached();
    final IParser json = ctx.newJsonParser();
    final CohortGenerator generator = new CohortGenerator(42);
    FhirValidator validator;
    /** Search parameters the guide adds, by resource type (R4 AdverseEvent has no core `identifier`). */
    final Map<String, Set<String>> guideSearchParameters = new HashMap<>();

    @BeforeAll
    void setUp() throws IOException {
        validator = IgValidator.newFhirValidator(ctx);
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ImplementationGuide.CLASSPATH_LOCATION)) {
            assertThat(in).as("built guide on the class path").isNotNull();
            NpmPackage ig = NpmPackage.fromPackage(in);
            for (String file : ig.list("package")) {
                if (file.startsWith("SearchParameter-")) {
                    try (InputStream sp = ig.load("package", file)) {
                        SearchParameter parameter = json.parseResource(SearchParameter.class, sp);
                        parameter.getBase().forEach(base -> guideSearchParameters
                                .computeIfAbsent(base.getCode(), k -> new HashSet<>())
                                .add(parameter.getCode()));
                    }
                }
            }
        }
    }

    @Test
    void sameSeedAndIndexGiveByteIdenticalJson() {
        String first = json.encodeResourceToString(generator.participant(7));
        String again = json.encodeResourceToString(new CohortGenerator(42).participant(7));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void participantDoesNotDependOnWhichOthersWereGenerated() {
        CohortGenerator busy = new CohortGenerator(42);
        busy.participants(0, 50);
        busy.participant(123);
        String afterOthers = json.encodeResourceToString(busy.participant(45));
        String alone = json.encodeResourceToString(new CohortGenerator(42).participant(45));
        assertThat(afterOthers).isEqualTo(alone);
        assertThat(json.encodeResourceToString(busy.participants(40, 10).get(5)))
                .isEqualTo(alone);
    }

    @Test
    void differentSeedsShareNoIdentifierOrFullUrl() {
        Set<String> seed1 = keys(new CohortGenerator(1).participants(0, 40));
        Set<String> seed2 = keys(new CohortGenerator(2).participants(0, 40));
        assertThat(seed1).hasSizeGreaterThan(40 * 5);
        assertThat(seed1).doesNotContainAnyElementsOf(seed2);
    }

    @Test
    void identifiersAreUniqueAcrossParticipants() {
        List<Bundle> bundles = generator.participants(0, 200);
        int entries = bundles.stream().mapToInt(b -> b.getEntry().size()).sum();
        assertThat(keys(bundles)).hasSize(2 * entries); // one ifNoneExist and one fullUrl per entry, none shared
    }

    @Test
    void everyEntryIsAConditionalCreateOnAnIdentifierTheResourceCarries() {
        for (Bundle bundle : generator.participants(0, 80)) {
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            for (BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                String type = resource.fhirType();
                assertThat(entry.getFullUrl()).startsWith("urn:uuid:");
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.POST);
                assertThat(entry.getRequest().getUrl()).isEqualTo(type);
                String ifNoneExist = entry.getRequest().getIfNoneExist();
                assertThat(ifNoneExist).as(type).startsWith("identifier=");
                String token = ifNoneExist.substring("identifier=".length());
                String system = token.substring(0, token.indexOf('|'));
                String value = token.substring(token.indexOf('|') + 1);
                assertThat(identifiers(resource))
                        .as(type + " carries " + token)
                        .anyMatch(id -> system.equals(id.getSystem()) && value.equals(id.getValue()));
                assertThat(system)
                        .isEqualTo(
                                switch (type) {
                                    case "Patient" -> "https://exotrial.org/fhir/sid/mrn";
                                    case "ResearchSubject" -> "https://exotrial.org/fhir/sid/subject-number";
                                    default -> "https://exotrial.org/fhir/sid/resource";
                                });
                assertThat(ctx.getResourceDefinition(type).getSearchParam("identifier") != null
                                || guideSearchParameters
                                        .getOrDefault(type, Set.of())
                                        .contains("identifier"))
                        .as("the server can search " + type + " by identifier")
                        .isTrue();
            }
        }
    }

    @Test
    void referencesPointAtEarlierEntriesOrAtTheDemoStudies() {
        for (Bundle bundle : generator.participants(0, 80)) {
            Set<String> earlier = new HashSet<>();
            for (BundleEntryComponent entry : bundle.getEntry()) {
                for (Reference reference :
                        ctx.newTerser().getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                    String target = reference.getReference();
                    if (target.startsWith("urn:uuid:")) {
                        assertThat(earlier)
                                .as(entry.getResource().fhirType() + " -> " + target)
                                .contains(target);
                    } else {
                        assertThat(STUDIES).contains(target);
                    }
                }
                earlier.add(entry.getFullUrl());
            }
        }
    }

    @Test
    void allocationIsBalancedAndCoversEveryArm() {
        Map<String, Integer> arms = new TreeMap<>();
        for (Bundle bundle : generator.participants(0, 2000)) {
            ResearchSubject subject = only(bundle, ResearchSubject.class);
            arms.merge(subject.getStudy().getReference() + " " + subject.getAssignedArm(), 1, Integer::sum);
        }
        // 50 complete blocks of 40: exact.
        assertThat(arms)
                .containsEntry("ResearchStudy/lar-exosome-trial Exosome", 700)
                .containsEntry("ResearchStudy/lar-exosome-trial Placebo", 700)
                .containsEntry("ResearchStudy/secretome-route-study Intravenous secretome", 150)
                .containsEntry("ResearchStudy/secretome-route-study Topical secretome", 150)
                .containsEntry("ResearchStudy/admire-cd-darvadstrocel Darvadstrocel", 150)
                .containsEntry("ResearchStudy/admire-cd-darvadstrocel Placebo", 150);
    }

    @Test
    void everyResourceOfTheFirstBlockConformsToItsProfile() {
        // The first 40 participants are one allocation block, so they hold every study and arm.
        List<Bundle> bundles = generator.participants(0, Allocation.BLOCK);
        Set<String> arms = bundles.stream()
                .map(b -> only(b, ResearchSubject.class))
                .map(s -> s.getStudy().getReference() + " " + s.getAssignedArm())
                .collect(Collectors.toSet());
        assertThat(arms).as("all studies and arms").hasSize(6);
        List<String> errors = new ArrayList<>();
        Map<String, Integer> validated = new TreeMap<>();
        for (Bundle bundle : bundles) {
            for (BundleEntryComponent entry : bundle.getEntry()) {
                Resource resource = entry.getResource();
                Set<String> required = ProfileSelector.requiredProfiles(resource);
                Set<String> claimed = resource.getMeta().getProfile().stream()
                        .map(CanonicalType::getValue)
                        .collect(Collectors.toSet());
                assertThat(claimed).as("meta.profile of " + entry.getFullUrl()).isEqualTo(required);
                ValidationOptions options = new ValidationOptions();
                required.forEach(options::addProfile);
                validator.validateWithResult(resource, options).getMessages().stream()
                        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .forEach(m -> errors.add(resource.fhirType() + " " + required + ": " + m.getLocationString()
                                + " " + m.getMessage()));
                validated.merge(
                        required.isEmpty()
                                ? resource.fhirType()
                                : required.iterator().next(),
                        1,
                        Integer::sum);
            }
        }
        assertThat(errors).isEmpty();
        assertThat(validated.keySet()).hasSizeGreaterThanOrEqualTo(15);
    }

    /** The conformance test above must be able to fail: a present leak without its ISREC grade does not conform. */
    @Test
    void validationCatchesABrokenResource() {
        Observation leak = null;
        for (int i = 0; leak == null; i++) {
            leak = all(generator.participant(i), Observation.class).stream()
                    .filter(o -> o.getValue() instanceof org.hl7.fhir.r4.model.CodeableConcept c
                            && c.getCodingFirstRep().getCode().equals("present"))
                    .findFirst()
                    .orElse(null);
        }
        ValidationOptions options = new ValidationOptions();
        ProfileSelector.requiredProfiles(leak).forEach(options::addProfile);
        assertThat(validator.validateWithResult(leak, options).getMessages())
                .noneMatch(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal());
        leak.getComponent().clear();
        assertThat(validator.validateWithResult(leak, options).getMessages())
                .anyMatch(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()
                        && m.getMessage().contains("exotrial-leak-grade"));
    }

    @Test
    void placeboLeaksMoreAndInflamesMoreThanExosomes() {
        Map<String, int[]> leaks = new HashMap<>(); // arm -> {leaks, participants}
        Map<String, double[]> il6 = new HashMap<>(); // arm -> {sum, n}
        for (Bundle bundle : generator.participants(0, 2000)) {
            ResearchSubject subject = only(bundle, ResearchSubject.class);
            if (!subject.getStudy().getReference().equals("ResearchStudy/lar-exosome-trial")) {
                continue;
            }
            String arm = subject.getAssignedArm();
            for (Observation o : all(bundle, Observation.class)) {
                String code = o.getCode().getCodingFirstRep().getCode();
                if (code.equals("236091002")) {
                    int[] counts = leaks.computeIfAbsent(arm, k -> new int[2]);
                    counts[1]++;
                    if (o.getValueCodeableConcept()
                            .getCodingFirstRep()
                            .getCode()
                            .equals("present")) {
                        counts[0]++;
                    }
                } else if (code.equals("26881-3")
                        && o.getEffectiveDateTimeType().getValueAsString() != null
                        && o.getExtensionByUrl(IgNames.EXT_POSTOPERATIVE_DAY)
                                .getValue()
                                .primitiveValue()
                                .equals("1")) {
                    double[] sum = il6.computeIfAbsent(arm, k -> new double[2]);
                    sum[0] += o.getValueQuantity().getValue().doubleValue();
                    sum[1]++;
                }
            }
        }
        double placeboLeakRate = (double) leaks.get("Placebo")[0] / leaks.get("Placebo")[1];
        double exosomeLeakRate = (double) leaks.get("Exosome")[0] / leaks.get("Exosome")[1];
        assertThat(placeboLeakRate).isGreaterThan(exosomeLeakRate + 0.1);
        double placeboIl6 = il6.get("Placebo")[0] / il6.get("Placebo")[1];
        double exosomeIl6 = il6.get("Exosome")[0] / il6.get("Exosome")[1];
        assertThat(placeboIl6).isGreaterThan(exosomeIl6 * 1.2);
    }

    @Test
    void fistulaScoresImproveMoreUnderDarvadstrocel() {
        Map<String, double[]> improvement = new HashMap<>(); // arm -> {CCIS drop, QoLAF-Q drop, n}
        for (Bundle bundle : generator.participants(0, 2000)) {
            ResearchSubject subject = only(bundle, ResearchSubject.class);
            if (!subject.getStudy().getReference().equals("ResearchStudy/admire-cd-darvadstrocel")) {
                continue;
            }
            Map<String, Integer> scores = new HashMap<>();
            for (Observation o : all(bundle, Observation.class)) {
                String kind = o.getIdentifierFirstRep().getValue().replaceFirst("^GEN42-\\d+-", "");
                if (o.hasValueIntegerType()) {
                    scores.put(kind, o.getValueIntegerType().getValue());
                }
            }
            assertThat(scores).containsOnlyKeys("ccis-baseline", "ccis-week24", "qolafq-baseline", "qolafq-week24");
            double[] sums = improvement.computeIfAbsent(subject.getAssignedArm(), k -> new double[3]);
            sums[0] += scores.get("ccis-baseline") - scores.get("ccis-week24");
            sums[1] += scores.get("qolafq-baseline") - scores.get("qolafq-week24");
            sums[2]++;
        }
        double[] active = improvement.get("Darvadstrocel");
        double[] placebo = improvement.get("Placebo");
        assertThat(placebo[0] / placebo[2])
                .as("CCIS improves under placebo too")
                .isPositive();
        assertThat(active[0] / active[2]).as("CCIS drop").isGreaterThan(placebo[0] / placebo[2]);
        assertThat(active[1] / active[2]).as("QoLAF-Q drop").isGreaterThan(placebo[1] / placebo[2]);
    }

    private Set<String> keys(List<Bundle> bundles) {
        Set<String> keys = new HashSet<>();
        for (Bundle bundle : bundles) {
            for (BundleEntryComponent entry : bundle.getEntry()) {
                keys.add(entry.getRequest().getIfNoneExist());
                keys.add(entry.getFullUrl());
            }
        }
        return keys;
    }

    private List<Identifier> identifiers(IBaseResource resource) {
        return ctx.newTerser().getValues(resource, "identifier", Identifier.class);
    }

    static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream()
                .map(BundleEntryComponent::getResource)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    static <T extends Resource> T only(Bundle bundle, Class<T> type) {
        List<T> found = all(bundle, type);
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
