package org.exotrial.ig;

/**
 * The canonical names that resources conforming to the guide carry, and the external code systems its profiles bind
 * (docs/ig/README.md). One place for every package that builds such resources (the cohort generator, HL7 v2 ingest,
 * profile selection), so a renamed system cannot leave one of them behind.
 */
public final class IgNames {

    public static final String BASE = ImplementationGuide.CANONICAL;
    public static final String EXT_STUDY = ImplementationGuide.PROFILE_BASE + "exotrial-study-reference";
    public static final String EXT_POSTOPERATIVE_DAY = ImplementationGuide.PROFILE_BASE + "exotrial-postoperative-day";

    public static final String SID_MRN = BASE + "/sid/mrn";

    public static final String CS_OBSERVATION = BASE + "/CodeSystem/exotrial-observation";
    public static final String CS_PROCEDURE = BASE + "/CodeSystem/exotrial-procedure";
    public static final String CS_ENCOUNTER_TYPE = BASE + "/CodeSystem/exotrial-encounter-type";

    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private IgNames() {}
}
