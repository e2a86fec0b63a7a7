package org.exotrial.cohort;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The identifiers of one participant's resources. All carry the seed, so cohorts generated with different seeds never
 * share a patient, subject or resource, and all are unique per participant number.
 */
record Keys(long seed, int index) {

    /** e.g. {@code GEN42-000123}: the MRN, and the stem of every other identifier. */
    String tag() {
        return String.format(Locale.ROOT, "GEN%d-%06d", seed, index);
    }

    String mrn() {
        return tag();
    }

    String subjectNumber(Study study) {
        return study.subjectPrefix + "-" + tag();
    }

    /** Value of the resource's {@code https://exotrial.org/fhir/sid/resource} identifier. */
    String resourceId(String kind) {
        return tag() + "-" + kind;
    }

    /** Name-based UUID, so the same participant's bundle is byte-identical however often it is generated. */
    String fullUrl(String kind) {
        byte[] name = (seed + "/" + index + "/" + kind).getBytes(StandardCharsets.UTF_8);
        return "urn:uuid:" + UUID.nameUUIDFromBytes(name);
    }
}
