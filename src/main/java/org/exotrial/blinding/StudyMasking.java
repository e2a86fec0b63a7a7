package org.exotrial.blinding;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ResearchStudy;

/**
 * Which studies are masked right now: masking other than {@code none} and not unblinded. Read from the database and
 * kept for a few seconds. A study this snapshot does not know (just created, or a dangling reference) counts as
 * masked: blinding fails closed.
 */
public class StudyMasking {

    static final String UNBLINDING_SYSTEM = "https://exotrial.org/fhir/sid/study-unblinding";
    static final String RECORD_SYSTEM = "https://exotrial.org/fhir/CodeSystem/exotrial-server-record";
    static final String UNBLINDING_CODE = "study-unblinding";

    private static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final DaoRegistry daos;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public StudyMasking(DaoRegistry daos, Clock clock) {
        this.daos = daos;
        this.clock = clock;
    }

    /** Whether the arm of a participant in this study ({@code ResearchStudy/id} or id) is hidden from blinded callers. */
    public boolean isMasked(String studyReference) {
        String id = studyReference == null ? null : studyReference.substring(studyReference.lastIndexOf('/') + 1);
        Boolean masked = current().maskedById().get(id);
        if (masked == null && id != null) {
            masked = refresh().maskedById().get(id);
        }
        return masked == null || masked;
    }

    /** Whether any study is masked now; searching by arm is refused to blinded callers while one is. */
    public boolean anyMasked() {
        return current().maskedById().containsValue(true);
    }

    /** The studies a blinded caller may search by arm now, by id, sorted: readable to analysts anyway. */
    public List<String> unmaskedStudies() {
        return current().maskedById().entrySet().stream()
                .filter(study -> !study.getValue())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Forget the snapshot, after an unblinding or a change of a study. */
    public void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current == null || current.taken().plus(FRESHNESS).isBefore(clock.instant())) {
            return refresh();
        }
        return current;
    }

    private synchronized Snapshot refresh() {
        SystemRequestDetails request = new SystemRequestDetails();
        Map<String, Boolean> masked = new HashMap<>();
        for (IBaseResource resource : daos.getResourceDao(ResearchStudy.class)
                .search(SearchParameterMap.newSynchronous(), request)
                .getAllResources()) {
            ResearchStudy study = (ResearchStudy) resource;
            masked.put(study.getIdElement().getIdPart(), declaresMasking(study));
        }
        for (IBaseResource resource : daos.getResourceDao(Basic.class)
                .search(
                        SearchParameterMap.newSynchronous("code", new TokenParam(RECORD_SYSTEM, UNBLINDING_CODE)),
                        request)
                .getAllResources()) {
            masked.put(((Basic) resource).getIdentifierFirstRep().getValue(), false);
        }
        Snapshot fresh = new Snapshot(Map.copyOf(masked), clock.instant());
        snapshot = fresh;
        return fresh;
    }

    private static boolean declaresMasking(ResearchStudy study) {
        var extension = study.getExtensionByUrl(ArmRevealingData.MASKING);
        if (extension == null || !(extension.getValue() instanceof CodeableConcept masking)) {
            return false; // open label or a case report: no masking declared
        }
        return masking.getCoding().stream().noneMatch(coding -> "none".equals(coding.getCode()));
    }

    private record Snapshot(Map<String, Boolean> maskedById, Instant taken) {}
}
