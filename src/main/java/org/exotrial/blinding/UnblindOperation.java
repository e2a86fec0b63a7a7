package org.exotrial.blinding;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Date;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.exotrial.security.access.Role;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code POST /fhir/ResearchStudy/{id}/$unblind}: an admin ends the masking of a study for every role. The decision
 * is stored as a Basic record (one per study, idempotent) written with the admin's request, so the audit trail names
 * who unblinded and when. There is no way back: arms once seen cannot be unseen.
 */
final class UnblindOperation {

    private final DaoRegistry daos;
    private final StudyMasking studies;

    UnblindOperation(DaoRegistry daos, StudyMasking studies) {
        this.daos = daos;
        this.studies = studies;
    }

    @Operation(name = "$unblind", type = ResearchStudy.class, idempotent = false)
    public OperationOutcome unblind(
            @IdParam IdType studyId,
            @OperationParam(name = "reason", min = 0, max = 1) StringType reason,
            RequestDetails request) {
        Caller caller = Callers.of(request);
        if (caller == null || caller.role() != Role.ADMIN) {
            throw new ForbiddenOperationException("Only an admin may unblind a study");
        }
        ResearchStudy study =
                (ResearchStudy) daos.getResourceDao(ResearchStudy.class).read(studyId, request);
        String id = study.getIdElement().getIdPart();
        Basic record = new Basic();
        record.addIdentifier().setSystem(StudyMasking.UNBLINDING_SYSTEM).setValue(id);
        record.getCode().addCoding().setSystem(StudyMasking.RECORD_SYSTEM).setCode(StudyMasking.UNBLINDING_CODE);
        record.setSubject(new Reference("ResearchStudy/" + id));
        record.setCreated(new Date());
        if (reason != null && reason.hasValue()) {
            record.getCode().setText(reason.getValue());
        }
        daos.getResourceDao(Basic.class)
                .create(record, "identifier=" + StudyMasking.UNBLINDING_SYSTEM + "|" + id, request);
        studies.invalidate();
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("ResearchStudy/" + id + " is unblinded: every role now sees its arms");
        return outcome;
    }
}
