package org.exotrial.ingest.hl7v2;

/**
 * Where each HL7 v2 field lands in FHIR: the one table a site reads to see what its interface engine must send.
 * docs/ingest/hl7v2.md prints the same rows (V2MappingTest keeps the two in step).
 */
enum V2Mapping {
    MSH_10(
            "MSH-10",
            "all",
            "Basic.identifier (hl7v2-message)",
            "message control id; a repeat is acknowledged AA and stores nothing"),
    MSH_4("MSH-4", "all", "Basic.identifier (hl7v2-message)", "sending facility (MSH-3 if empty) scopes MSH-10"),
    PID_3(
            "PID-3.1",
            "all",
            "Observation.subject, Encounter.subject",
            "Patient found by identifier (MRN system); unknown -> AE"),
    SUBJECT("(PID-3)", "all", "extension exotrial-study-reference", "the study of the patient's only ResearchSubject"),
    OBR_3(
            "OBR-3.1",
            "ORU^R01",
            "Observation.identifier (filler-order-number), Specimen.identifier",
            "value is <OBR-3.1>:<OBX-3.1>"),
    OBR_7("OBR-7", "ORU^R01", "Observation.effectiveDateTime", "used when OBX-14 is empty"),
    OBX_2("OBX-2", "ORU^R01", "-", "must be NM"),
    OBX_3(
            "OBX-3.1",
            "ORU^R01",
            "Observation.code, meta.profile",
            "26881-3, 49732-1, 3074-2 (LOINC) or tnf-alpha-peritoneal; else AE"),
    OBX_5("OBX-5", "ORU^R01", "Observation.valueQuantity.value", "converted to pg/mL"),
    OBX_6(
            "OBX-6.1",
            "ORU^R01",
            "Observation.valueQuantity.code",
            "UCUM mass concentration (pg/mL, ng/L, ng/mL, ug/L, ...); else AE"),
    OBX_11(
            "OBX-11",
            "ORU^R01",
            "Observation.status",
            "F final, P preliminary, C corrected (new version of the same Observation)"),
    OBX_14(
            "OBX-14",
            "ORU^R01",
            "Observation.effectiveDateTime, extension exotrial-postoperative-day",
            "POD = date - date of the latest LAR Procedure"),
    SPM_2("SPM-2", "ORU^R01", "Specimen.identifier", "peritoneal results only (49732-1, tnf-alpha-peritoneal)"),
    SPM_17("SPM-17", "ORU^R01", "Specimen.collection.collectedDateTime", "defaults to the result time"),
    PV1_19("PV1-19.1", "ADT^A01/A03", "Encounter.identifier (visit-number)", "one surgical-stay Encounter per visit"),
    PV1_44("PV1-44", "ADT^A01/A03", "Encounter.period.start", "EVN-2 when empty on A01"),
    PV1_45(
            "PV1-45",
            "ADT^A03",
            "Encounter.period.end, Encounter.length (days)",
            "EVN-2 when empty; A03 sets status finished"),
    EVENT("MSH-9.2", "ADT^A01/A03", "Encounter.status", "A01 in-progress, A03 finished");

    final String field;
    final String messages;
    final String element;
    final String rule;

    V2Mapping(String field, String messages, String element, String rule) {
        this.field = field;
        this.messages = messages;
        this.element = element;
        this.rule = rule;
    }

    /** The row as printed in docs/ingest/hl7v2.md. */
    String markdownRow() {
        return "| " + field + " | " + messages + " | " + element + " | " + rule + " |";
    }
}
