package org.exotrial.cohort;

import static org.exotrial.ig.IgNames.BASE;

import org.exotrial.ig.IgNames;

/**
 * The implementation guide's names the generated resources carry (see docs/ig/README.md) that only this package uses;
 * the names shared with other packages are in {@link IgNames}.
 */
final class Ig {

    static final String SID_SUBJECT_NUMBER = BASE + "/sid/subject-number";
    /** Every other generated resource: one value per participant and kind, the key of its conditional create. */
    static final String SID_RESOURCE = BASE + "/sid/resource";

    static final String CS_PRODUCT_TYPE = BASE + "/CodeSystem/exotrial-msc-product-type";
    static final String CS_SOURCE_TISSUE = BASE + "/CodeSystem/exotrial-source-tissue";
    static final String CS_APPROACH = BASE + "/CodeSystem/exotrial-surgical-approach";
    static final String CS_ANASTOMOSIS = BASE + "/CodeSystem/exotrial-anastomosis-technique";
    static final String CS_LEAK_STATUS = BASE + "/CodeSystem/exotrial-leak-status";
    static final String CS_ISREC = BASE + "/CodeSystem/exotrial-isrec-grade";
    static final String CS_COLONOSCOPY = BASE + "/CodeSystem/exotrial-colonoscopy-finding";
    static final String CS_CCIS_ITEM = BASE + "/CodeSystem/exotrial-ccis-item";
    static final String CS_HEALING = BASE + "/CodeSystem/exotrial-fistula-healing-status";
    static final String CS_METHOD = BASE + "/CodeSystem/exotrial-assessment-method";

    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String AE_SERIOUSNESS = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness";
    static final String AE_SEVERITY = "http://terminology.hl7.org/CodeSystem/adverse-event-severity";
    static final String AE_OUTCOME = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome";

    private Ig() {}
}
