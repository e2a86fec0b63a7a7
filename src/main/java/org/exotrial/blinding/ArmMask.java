package org.exotrial.blinding;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;

/**
 * Withholds arm-revealing elements of one resource from a blinded caller: ResearchSubject arms, the administration's
 * product details, a masked study's arm list. Narrative and notes go too, since free text can say what was given.
 * The resource is copied, never changed in place, and labelled REDACTED so clients know something was withheld.
 */
final class ArmMask {

    static final Coding REDACTED =
            new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "REDACTED", "redacted");

    /**
     * The elements {@link #mask} removes, by name: ResearchSubject's arms, ResearchStudy's arm list, the administration
     * extensions and notes of a Procedure, and the narrative.
     */
    static final Set<String> WITHHELD_ELEMENTS = Set.of("assignedArm", "actualArm", "arm", "extension", "note", "text");

    private final StudyMasking studies;

    ArmMask(StudyMasking studies) {
        this.studies = studies;
    }

    /** A masked copy, or {@code null} when the resource reveals no arm of a masked study. */
    IBaseResource maskedCopy(IBaseResource resource) {
        if (!(resource instanceof DomainResource domain) || !needsMask(domain)) {
            return null;
        }
        DomainResource copy = (DomainResource) domain.copy();
        mask(copy);
        for (Resource contained : copy.getContained()) {
            if (contained instanceof DomainResource inner && needsMask(inner)) {
                mask(inner);
            }
        }
        return copy;
    }

    /**
     * Masks the resource itself, for a caller that holds the only reference to it (a bulk export job's freshly loaded
     * resources); {@code false} when it reveals no arm of a masked study and is left as it is.
     */
    boolean maskInPlace(IBaseResource resource) {
        if (!(resource instanceof DomainResource domain) || !needsMask(domain)) {
            return false;
        }
        for (Resource contained : domain.getContained()) {
            if (contained instanceof DomainResource inner && needsMask(inner)) {
                mask(inner);
            }
        }
        mask(domain);
        return true;
    }

    private boolean needsMask(DomainResource resource) {
        if (resource instanceof ResearchSubject subject) {
            return (subject.hasAssignedArm() || subject.hasActualArm() || subject.hasText())
                    && studies.isMasked(subject.getStudy().getReference());
        }
        if (resource instanceof Procedure procedure) {
            return procedure.getExtension().stream()
                            .anyMatch(e -> ArmRevealingData.ADMINISTRATION_EXTENSIONS.contains(e.getUrl()))
                    && maskedStudy(procedure);
        }
        if (resource instanceof ResearchStudy study) {
            return study.hasArm() && studies.isMasked(study.getIdElement().getIdPart());
        }
        return resource.getContained().stream().anyMatch(inner -> inner instanceof DomainResource d && needsMask(d));
    }

    private static void mask(DomainResource resource) {
        if (resource instanceof ResearchSubject subject) {
            subject.setAssignedArm(null).setActualArm(null);
        } else if (resource instanceof Procedure procedure) {
            procedure.getExtension().removeIf(e -> ArmRevealingData.ADMINISTRATION_EXTENSIONS.contains(e.getUrl()));
            procedure.getNote().clear();
        } else if (resource instanceof ResearchStudy study) {
            study.getArm().clear();
        } else {
            return;
        }
        resource.setText(null);
        if (resource.getMeta().getSecurity(REDACTED.getSystem(), REDACTED.getCode()) == null) {
            resource.getMeta().addSecurity(REDACTED.copy());
        }
    }

    /**
     * Whether any study the procedure names is masked, or it names none. Writes allow one study reference ({@link
     * OneStudyPerRecord}); this reads them all so that a record stored before that check still fails closed.
     */
    private boolean maskedStudy(Procedure procedure) {
        List<Extension> references = procedure.getExtensionsByUrl(ArmRevealingData.STUDY_REFERENCE);
        return references.isEmpty()
                || references.stream()
                        .anyMatch(study -> !(study.getValue() instanceof Reference reference)
                                || studies.isMasked(reference.getReference()));
    }
}
