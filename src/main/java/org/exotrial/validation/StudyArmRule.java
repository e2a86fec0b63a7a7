package org.exotrial.validation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * A subject's arm must be one of its study's arms. FHIRPath cannot look across resources, so the server checks this
 * on write; the study is read inside the same transaction, so a study created earlier in the same bundle counts.
 */
final class StudyArmRule {

    private final DaoRegistry daoRegistry;

    StudyArmRule(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    Optional<WriteConformanceInterceptor.Issue> check(IBaseResource resource) {
        if (!(resource instanceof ResearchSubject subject)
                || !subject.getStudy().hasReference()) {
            return Optional.empty();
        }
        ResearchStudy study;
        try {
            IFhirResourceDao<ResearchStudy> dao = daoRegistry.getResourceDao(ResearchStudy.class);
            study = dao.read(subject.getStudy().getReferenceElement(), new SystemRequestDetails());
        } catch (ResourceNotFoundException e) {
            return Optional.empty(); // referential integrity reports the missing study
        }
        return armIssue(study, subject.getAssignedArm(), "ResearchSubject.assignedArm")
                .or(() -> armIssue(study, subject.getActualArm(), "ResearchSubject.actualArm"));
    }

    private static Optional<WriteConformanceInterceptor.Issue> armIssue(ResearchStudy study, String arm, String path) {
        if (arm == null || study.getArm().stream().anyMatch(a -> arm.equals(a.getName()))) {
            return Optional.empty();
        }
        return Optional.of(new WriteConformanceInterceptor.Issue(
                path,
                "arm '" + arm + "' is not an arm of "
                        + study.getIdElement().toUnqualifiedVersionless().getValue()));
    }
}
