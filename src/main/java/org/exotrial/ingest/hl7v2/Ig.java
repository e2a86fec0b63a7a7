package org.exotrial.ingest.hl7v2;

import static org.exotrial.ig.IgNames.BASE;
import static org.exotrial.ig.ImplementationGuide.PROFILE_BASE;

import org.exotrial.ig.IgNames;

/**
 * The implementation guide's names that ingested resources carry (see docs/ig/README.md) that only this package uses;
 * the names shared with other packages are in {@link IgNames}.
 */
final class Ig {

    static final String PROFILE_IL6 = PROFILE_BASE + "exotrial-il6";
    static final String PROFILE_TNF_ALPHA = PROFILE_BASE + "exotrial-tnf-alpha";
    static final String PROFILE_SURGICAL_STAY = PROFILE_BASE + "exotrial-surgical-stay";

    /** Observation.identifier: OBR-3 filler order number and the OBX-3 test code, one result per order and test. */
    static final String SID_FILLER_ORDER = BASE + "/sid/filler-order-number";
    /** Specimen.identifier: SPM-2 specimen id, or the filler order number when the message has no SPM. */
    static final String SID_SPECIMEN = BASE + "/sid/specimen";
    /** Encounter.identifier: PV1-19 visit number. */
    static final String SID_VISIT = BASE + "/sid/visit-number";
    /** Basic.identifier of the record that a message was processed: MSH-4 (or MSH-3) and MSH-10. */
    static final String SID_V2_MESSAGE = BASE + "/sid/hl7v2-message";

    static final String V2_MESSAGE_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0076";

    static final String LAR_CODE = "4558008";
    static final String PERITONEAL_FLUID_SAMPLE = "168139001";

    private Ig() {}
}
