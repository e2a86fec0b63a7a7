package org.exotrial.validation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * A subject's arm must be one of its study's arms. FHIRPath cannot look across resources, so the server checks this
 * on write. At storage the study is read inside the write's transaction, so a study created earlier in the same bundle
 * counts; before a transaction is processed, a study sent in the same bundle is found by its fullUrl.
 */
final class StudyArmRule {

    private final DaoRegistry daoRegistry;

    StudyArmRule(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /**
     * @param inBundle studies sent in the same transaction, by fullUrl (empty outside a transaction)
     */
    Optional<Conformance.Issue> check(IBaseResource resource, Map<String, ResearchStudy> inBundle) {
        if (!(resource instanceof ResearchSubject subject)
                || !subject.getStudy().hasReference()) {
            return Optional.empty();
        }
        String reference = subject.getStudy().getReference();
        ResearchStudy study = inBundle.get(reference);
        if (study == null) {
            if (!reference.startsWith("ResearchStudy/")) {
                return Optional.empty(); // a urn:uuid or conditional reference HAPI resolves later; checked at storage
            }
            try {
                IFhirResourceDao<ResearchStudy> dao = daoRegistry.getResourceDao(ResearchStudy.class);
                study = dao.read(subject.getStudy().getReferenceElement(), new SystemRequestDetails());
            } catch (BaseServerResponseException e) {
                return Optional.empty(); // referential integrity reports a missing study
            }
        }
        ResearchStudy found = study;
        return armIssue(found, subject.getAssignedArm(), "ResearchSubject.assignedArm")
                .or(() -> armIssue(found, subject.getActualArm(), "ResearchSubject.actualArm"));
    }

    private static Optional<Conformance.Issue> armIssue(ResearchStudy study, String arm, String path) {
        if (arm == null || study.getArm().stream().anyMatch(a -> arm.equals(a.getName()))) {
            return Optional.empty();
        }
        String name = study.getIdElement().hasIdPart()
                ? study.getIdElement().toUnqualifiedVersionless().getValue()
                : "its study";
        return Optional.of(new Conformance.Issue(path, "arm '" + arm + "' is not an arm of " + name, null));
    }
}
