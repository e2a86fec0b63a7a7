package org.exotrial.ingest.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v25.message.ADT_A01;
import ca.uhn.hl7v2.model.v25.message.ADT_A03;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the v2 mappers build, validated with HAPI's validator against the IG package (classpath:ig/exotrial.ig.tgz):
 * the resources an ingested message becomes must conform exactly as the IG's own examples do.
 */
class V2MappingConformanceTest {

    static final Map<String, String> VALUES =
            Map.of("MRN", "TUMS-1", "MSGID", "M1", "FILLER", "F1", "SPECIMEN", "S1", "VISIT", "V1");

    static FhirContext fhir;
    static FhirValidator validator;
    static HapiContext v2;
    static TrialContext context;

    @BeforeAll
    static void setUp() throws Exception {
        fhir = FhirContext.forR4Cached();
        NpmPackageValidationSupport npm = new NpmPackageValidationSupport(fhir);
        npm.loadPackageFromClasspath("classpath:ig/exotrial.ig.tgz");
        UnknownCodeSystemWarningValidationSupport unknown = new UnknownCodeSystemWarningValidationSupport(fhir);
        unknown.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        ValidationSupportChain chain = new ValidationSupportChain(
                npm,
                new DefaultProfileValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir),
                unknown);
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setErrorForUnknownProfiles(true);
        validator = fhir.newValidator().registerValidatorModule(module);

        v2 = new DefaultHapiContext();
        v2.setModelClassFactory(new CanonicalModelClassFactory("2.5"));

        Patient patient = new Patient();
        patient.setId("Patient/p1");
        Procedure lar = new Procedure();
        lar.setId("Procedure/lar1");
        lar.setPerformed(new DateTimeType("2025-01-11T08:30:00+03:30"));
        context = new TrialContext(patient, new Reference("ResearchStudy/s1"), List.of(lar));
    }

    static Message parse(String fixture) throws Exception {
        return v2.getPipeParser().parse(V2Fixtures.load(fixture, VALUES));
    }

    static Bundle mapOru(String fixture) throws Exception {
        Bundle tx = new Bundle();
        new OruMapper(ZoneId.of("UTC")).map((ORU_R01) parse(fixture), mrn -> context, id -> false, tx);
        return tx;
    }

    static void assertConforms(Bundle tx) {
        for (var entry : tx.getEntry()) {
            var result = validator.validateWithResult(entry.getResource());
            var errors = result.getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .map(m -> m.getLocationString() + ": " + m.getMessage())
                    .toList();
            assertThat(errors)
                    .as(fhir.newJsonParser().encodeResourceToString(entry.getResource()))
                    .isEmpty();
        }
    }

    @Test
    void serumResultsBecomeConformingObservationsInPgPerMl() throws Exception {
        Bundle tx = mapOru("oru-serum-il6-tnf.hl7");

        assertConforms(tx);
        assertThat(tx.getEntry()).hasSize(2);
        Observation il6 = (Observation) tx.getEntry().get(0).getResource();
        Observation tnf = (Observation) tx.getEntry().get(1).getResource();
        assertThat(il6.getMeta().getProfile().get(0).getValue()).isEqualTo(Ig.PROFILE_IL6);
        assertThat(il6.getValueQuantity().getValue()).isEqualByComparingTo("133.7");
        assertThat(il6.getExtensionByUrl(IgNames.EXT_POSTOPERATIVE_DAY)
                        .getValue()
                        .primitiveValue())
                .isEqualTo("1");
        assertThat(il6.getIdentifierFirstRep().getValue()).isEqualTo("F1:26881-3");
        assertThat(tx.getEntry().get(0).getRequest().getIfNoneExist()).contains("F1:26881-3");
        // ng/L and pg/mL are the same quantity: the number is kept, the unit normalised.
        assertThat(tnf.getValueQuantity().getValue()).isEqualByComparingTo("12.8");
        assertThat(tnf.getValueQuantity().getCode()).isEqualTo("pg/mL");
    }

    @Test
    void peritonealResultsReferenceTheirDrainFluidSpecimen() throws Exception {
        Bundle tx = mapOru("oru-peritoneal-il6-tnf.hl7");

        assertConforms(tx);
        assertThat(tx.getEntry()).hasSize(3);
        Specimen specimen = (Specimen) tx.getEntry().get(0).getResource();
        Observation il6 = (Observation) tx.getEntry().get(1).getResource();
        Observation tnf = (Observation) tx.getEntry().get(2).getResource();
        assertThat(specimen.getIdentifierFirstRep().getValue()).isEqualTo("S1");
        assertThat(il6.getSpecimen().getReference())
                .isEqualTo(tx.getEntry().get(0).getFullUrl());
        assertThat(tnf.getSpecimen().getReference())
                .isEqualTo(tx.getEntry().get(0).getFullUrl());
        assertThat(il6.getValueQuantity().getValue()).isEqualByComparingTo(new BigDecimal("1693.2"));
        assertThat(tnf.getMeta().getProfile().get(0).getValue()).isEqualTo(Ig.PROFILE_TNF_ALPHA);
    }

    @Test
    void correctionIsAConditionalUpdateOfTheSameObservation() throws Exception {
        Bundle tx = mapOru("oru-serum-il6-correction.hl7");

        assertConforms(tx);
        Observation il6 = (Observation) tx.getEntry().get(0).getResource();
        assertThat(il6.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(tx.getEntry().get(0).getRequest().getUrl())
                .isEqualTo("Observation?identifier=" + Ig.SID_FILLER_ORDER + "|F1:26881-3");
    }

    @Test
    void unknownTestCodeIsRefusedNamingTheField() {
        assertThatThrownBy(() -> mapOru("oru-unknown-test-code.hl7"))
                .isInstanceOfSatisfying(IngestRejection.class, r -> {
                    assertThat(r.code).isEqualTo(ErrorCode.TABLE_VALUE_NOT_FOUND);
                    assertThat(r.segment + "-" + r.field).isEqualTo("OBX-3");
                    assertThat(r.getMessage()).contains("1988-5");
                });
    }

    @Test
    void unconvertibleUnitIsRefused() {
        assertThatThrownBy(() -> mapOru("oru-unconvertible-unit.hl7"))
                .isInstanceOfSatisfying(IngestRejection.class, r -> {
                    assertThat(r.segment + "-" + r.field).isEqualTo("OBX-6");
                    assertThat(r.getMessage()).contains("[IU]/mL");
                });
    }

    @Test
    void oneBadResultRefusesTheWholeMessage() {
        assertThatThrownBy(() -> mapOru("oru-second-result-bad.hl7"))
                .isInstanceOfSatisfying(
                        IngestRejection.class, r -> assertThat(r.repetition).isEqualTo(2));
    }

    @Test
    void admissionAndDischargeBecomeAConformingSurgicalStay() throws Exception {
        AdtMapper adt = new AdtMapper(ZoneId.of("UTC"));
        ADT_A01 a01 = (ADT_A01) parse("adt-a01-admission.hl7");
        Bundle admitted = new Bundle();
        adt.map(false, a01.getEVN(), a01.getPID(), a01.getPV1(), mrn -> context, visit -> null, admitted);
        Encounter open = (Encounter) admitted.getEntry().get(0).getResource();
        assertThat(open.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertConforms(admitted);

        ADT_A03 a03 = (ADT_A03) parse("adt-a03-discharge.hl7");
        Bundle discharged = new Bundle();
        adt.map(true, a03.getEVN(), a03.getPID(), a03.getPV1(), mrn -> context, visit -> open, discharged);
        Encounter stay = (Encounter) discharged.getEntry().get(0).getResource();

        assertConforms(discharged);
        assertThat(stay.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(stay.getLength().getValue()).isEqualByComparingTo("6");
        assertThat(stay.getLength().getCode()).isEqualTo("d");
        assertThat(stay.getReasonReferenceFirstRep().getReference()).isEqualTo("Procedure/lar1");
        assertThat(discharged.getEntry().get(0).getRequest().getUrl())
                .isEqualTo("Encounter?identifier=" + Ig.SID_VISIT + "|V1");
    }
}
