package org.exotrial.ingest.hl7v2;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.hl7v2.ErrorCode;
import java.util.List;
import org.exotrial.ig.IgNames;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ResearchSubject;

/** Finds the patient, study and operation a message refers to; a message about an unknown patient is refused. */
final class TrialContextLookup {

    private final DaoRegistry daos;
    private final String patientIdentifierSystem;

    TrialContextLookup(DaoRegistry daos, String patientIdentifierSystem) {
        this.daos = daos;
        this.patientIdentifierSystem = patientIdentifierSystem;
    }

    /** @param mrn PID-3.1 */
    TrialContext find(String mrn, RequestDetails request) {
        if (mrn == null || mrn.isBlank()) {
            throw IngestRejection.error(
                    ErrorCode.REQUIRED_FIELD_MISSING, "PID", 1, 3, "PID-3 patient identifier missing");
        }
        List<Patient> patients = search(
                Patient.class,
                SearchParameterMap.newSynchronous("identifier", new TokenParam(patientIdentifierSystem, mrn)),
                request);
        if (patients.size() != 1) {
            throw IngestRejection.error(
                    ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    "PID",
                    1,
                    3,
                    patients.isEmpty()
                            ? "unknown patient: no Patient with identifier " + patientIdentifierSystem + "|" + mrn
                            : "ambiguous patient: " + patients.size() + " Patients with identifier " + mrn);
        }
        Patient patient = patients.get(0);
        String patientRef = "Patient/" + patient.getIdElement().getIdPart();

        List<ResearchSubject> subjects = search(
                ResearchSubject.class,
                SearchParameterMap.newSynchronous("individual", new ReferenceParam(patientRef)),
                request);
        if (subjects.size() != 1) {
            throw IngestRejection.error(
                    ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                    "PID",
                    1,
                    3,
                    subjects.isEmpty()
                            ? "patient " + mrn + " is not a subject of any study (no ResearchSubject)"
                            : "patient " + mrn + " is a subject of " + subjects.size()
                                    + " studies; the message cannot say which one");
        }

        SearchParameterMap larSearch = SearchParameterMap.newSynchronous("subject", new ReferenceParam(patientRef));
        larSearch.add("code", new TokenParam(IgNames.SNOMED, Ig.LAR_CODE));
        List<Procedure> lars = search(Procedure.class, larSearch, request).stream()
                .filter(Procedure::hasPerformedDateTimeType)
                .toList();
        return new TrialContext(patient, subjects.get(0).getStudy().copy(), lars);
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> List<T> search(Class<T> type, SearchParameterMap map, RequestDetails request) {
        return (List<T>) daos.getResourceDao(type).search(map, request).getAllResources();
    }
}
