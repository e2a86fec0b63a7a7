package org.exotrial.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Collects, within each write transaction, the changes to study membership its ResearchSubject (and ResearchStudy)
 * writes make, and hands them to {@link StudyGroups} once the transaction commits: a rolled-back write changes no
 * Group, and one synchronization per transaction keeps a 20,000-entry bundle linear.
 */
@Interceptor
final class StudyGroupHook {

    private final StudyGroups groups;

    StudyGroupHook(StudyGroups groups) {
        this.groups = groups;
    }

    /** STORAGE_PRECOMMIT_RESOURCE_CREATED: a new subject joins its study's Group; a new study gets its Group. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        changed(null, resource);
    }

    /** STORAGE_PRECOMMIT_RESOURCE_UPDATED: a subject moved to another study or patient. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource oldResource, IBaseResource newResource) {
        changed(oldResource, newResource);
    }

    /** STORAGE_PRECOMMIT_RESOURCE_DELETED: a deleted subject leaves its study's Group. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        changed(resource, null);
    }

    private void changed(IBaseResource before, IBaseResource after) {
        List<StudyGroups.Change> changes = new ArrayList<>(2);
        if (after instanceof ResearchStudy study && before == null) {
            changes.add(new StudyGroups.Change(study.getIdElement().getIdPart(), null, true));
        }
        if (before instanceof ResearchSubject subject) {
            change(subject, false, changes);
        }
        if (after instanceof ResearchSubject subject) {
            change(subject, true, changes);
        }
        if (changes.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            groups.changed(changes);
            return;
        }
        @SuppressWarnings("unchecked")
        List<StudyGroups.Change> inTransaction =
                (List<StudyGroups.Change>) TransactionSynchronizationManager.getResource(this);
        if (inTransaction == null) {
            List<StudyGroups.Change> collected = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, collected);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(StudyGroupHook.this);
                    if (status == STATUS_COMMITTED) {
                        groups.changed(collected);
                    }
                }
            });
            inTransaction = collected;
        }
        inTransaction.addAll(changes);
    }

    private static void change(ResearchSubject subject, boolean add, List<StudyGroups.Change> changes) {
        String study = StudyGroups.studyId(subject);
        String patient = StudyGroups.patient(subject);
        if (study != null && patient != null) {
            changes.add(new StudyGroups.Change(study, patient, add));
        }
    }
}
