package org.exotrial.export;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code Group} per ResearchStudy, {@code Group/study-<study id>}, whose members are the Patients of the study's
 * ResearchSubjects, so that {@code Group/study-<id>/$export} exports one study. It names the study (identifier and
 * characteristic), never an arm. Changes arrive after their transaction commits ({@link StudyGroupHook}) and are
 * written by one thread, so Group writes never compete with each other or slow the write that caused them.
 */
final class StudyGroups implements AutoCloseable {

    static final String ID_PREFIX = "study-";
    static final String IDENTIFIER_SYSTEM = "https://exotrial.org/fhir/sid/study-group";

    private static final Logger log = LoggerFactory.getLogger(StudyGroups.class);
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration COALESCE = Duration.ofMillis(250);

    /** A change to one study's members: add or remove a Patient, or {@code null} patient for "the study exists". */
    record Change(String studyId, String patient, boolean add) {}

    private final DaoRegistry daos;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "export-study-groups");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Change> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    StudyGroups(DaoRegistry daos) {
        this.daos = daos;
    }

    static String groupId(String studyId) {
        return ID_PREFIX + studyId;
    }

    /**
     * Committed changes, applied on the worker thread within {@link #COALESCE}: a bulk ingest of thousands of subjects
     * rewrites each study's Group a few times a second, not once per subject.
     */
    void changed(List<Change> changes) {
        pending.addAll(changes);
        if (drainScheduled.compareAndSet(false, true)) {
            worker.schedule(this::drain, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Every study's Group rebuilt from its subjects: at startup, for data written before the Groups existed. */
    void rebuildAll() {
        worker.execute(() -> {
            SystemRequestDetails system = new SystemRequestDetails();
            for (IBaseResource study : daos.getResourceDao(ResearchStudy.class)
                    .search(everything(), system)
                    .getAllResources()) {
                rebuild(study.getIdElement().getIdPart());
            }
        });
    }

    /** Waits until every change committed before this call is in the Groups: an export of a Group sees them. */
    void flush() {
        try {
            worker.submit(this::drain).get(FLUSH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Export: study Groups not brought up to date before an export ({})", e.toString());
        }
    }

    private void drain() {
        drainScheduled.set(false);
        Map<String, List<Change>> byStudy = new LinkedHashMap<>();
        for (Change change = pending.poll(); change != null; change = pending.poll()) {
            byStudy.computeIfAbsent(change.studyId(), s -> new ArrayList<>()).add(change);
        }
        byStudy.forEach((study, changes) -> {
            try {
                apply(study, changes);
            } catch (RuntimeException e) {
                log.warn(
                        "Export: Group/{} not updated ({}); rebuilding it from the study's subjects",
                        groupId(study),
                        e.toString());
                rebuild(study);
            }
        });
    }

    private void apply(String studyId, List<Change> changes) {
        if (!FHIR_ID.matcher(groupId(studyId)).matches()) {
            return;
        }
        Group current = read(studyId);
        TreeSet<String> members = current == null ? new TreeSet<>() : members(current);
        for (Change change : changes) {
            if (change.patient() == null) {
                continue;
            }
            if (change.add()) {
                members.add(change.patient());
            } else if (subjectsOf(studyId, change.patient()) == 0) {
                members.remove(change.patient());
            }
        }
        write(studyId, current, members);
    }

    private void rebuild(String studyId) {
        if (!FHIR_ID.matcher(groupId(studyId)).matches()) {
            log.warn("Export: study id {} is too long for a Group id; the study has no Group", studyId);
            return;
        }
        try {
            SearchParameterMap subjects =
                    everything().add(ResearchSubject.SP_STUDY, new ReferenceParam("ResearchStudy/" + studyId));
            TreeSet<String> members = new TreeSet<>();
            for (IBaseResource subject : daos.getResourceDao(ResearchSubject.class)
                    .search(subjects, new SystemRequestDetails())
                    .getAllResources()) {
                String patient = patient((ResearchSubject) subject);
                if (patient != null) {
                    members.add(patient);
                }
            }
            write(studyId, read(studyId), members);
        } catch (RuntimeException e) {
            log.warn("Export: Group/{} not rebuilt ({})", groupId(studyId), e.toString());
        }
    }

    private int subjectsOf(String studyId, String patient) {
        SearchParameterMap map = everything()
                .add(ResearchSubject.SP_STUDY, new ReferenceParam("ResearchStudy/" + studyId))
                .add(ResearchSubject.SP_INDIVIDUAL, new ReferenceParam(patient));
        return daos.getResourceDao(ResearchSubject.class)
                .search(map, new SystemRequestDetails())
                .getAllResources()
                .size();
    }

    private Group read(String studyId) {
        try {
            return groupDao().read(new IdType("Group", groupId(studyId)), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return null;
        }
    }

    private void write(String studyId, Group current, TreeSet<String> members) {
        if (current != null && members(current).equals(members)) {
            return;
        }
        Group group = new Group();
        group.setId(groupId(studyId));
        group.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue(studyId);
        group.setType(Group.GroupType.PERSON).setActual(true);
        group.setName("Participants of ResearchStudy/" + studyId);
        group.addCharacteristic()
                .setCode(new CodeableConcept().setText("participant of the study"))
                .setValue(new Reference("ResearchStudy/" + studyId))
                .setExclude(false);
        group.setQuantity(members.size());
        members.forEach(patient -> group.addMember().setEntity(new Reference(patient)));
        groupDao().update(group, new SystemRequestDetails());
    }

    private static TreeSet<String> members(Group group) {
        TreeSet<String> members = new TreeSet<>();
        group.getMember()
                .forEach(m -> members.add(m.getEntity()
                        .getReferenceElement()
                        .toUnqualifiedVersionless()
                        .getValue()));
        return members;
    }

    /** {@code Patient/<id>} of the subject, or null when it names none. */
    static String patient(ResearchSubject subject) {
        if (!subject.getIndividual().hasReference()) {
            return null;
        }
        return subject.getIndividual()
                .getReferenceElement()
                .toUnqualifiedVersionless()
                .getValue();
    }

    /** The study's id, or null when the subject names none (or names one on another server). */
    static String studyId(ResearchSubject subject) {
        var reference = subject.getStudy().getReferenceElement();
        if (!"ResearchStudy".equals(reference.getResourceType()) || reference.isAbsolute()) {
            return null;
        }
        return reference.getIdPart();
    }

    /**
     * A synchronous search without the fetch size maximum, which would otherwise cut a study's subjects at the
     * largest page (200).
     */
    private static SearchParameterMap everything() {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.setLoadSynchronousUpTo(Integer.MAX_VALUE);
        return map;
    }

    private IFhirResourceDao<Group> groupDao() {
        return daos.getResourceDao(Group.class);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
