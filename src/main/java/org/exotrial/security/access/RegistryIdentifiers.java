package org.exotrial.security.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.util.ResourceUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * A registry may update a ResearchSubject only to add its own identifiers (issue 31: registries push their subject
 * numbers back). The server keeps the stored subject and takes only the identifiers from the registry's version, so
 * a blinded registry's PUT of what it read (arms masked) never erases an arm; a FHIRPath or JSON patch works the same
 * way, on the stored resource.
 *
 * <p>The identifiers the registry may add, replace or remove are those of systems it owns: every system except the
 * server's own ({@code https://exotrial.org/}) and those of the subject's identifiers when it was created (version 1:
 * the study's subject number, a hospital's). Every other element must equal the stored one; an arm the registry's
 * version leaves out is the masked arm it never saw, and is kept. Anything else is refused (403) with one issue per
 * change.
 *
 * <p>A storage hook of stage GUARD, so before the guide's validation: what is validated and stored is the merged
 * subject.
 */
@Interceptor
final class RegistryIdentifiers {

    /** The server's own identifier systems (subject numbers, resource keys). */
    static final String SERVER_SYSTEMS = "https://exotrial.org/";

    private final DaoRegistry daos;

    RegistryIdentifiers(DaoRegistry daos) {
        this.daos = daos;
    }

    /**
     * A conditional update that matches nothing would create a subject: refused here, before validation, so that the
     * registry learns it may not create (403) rather than what its masked copy lacks (422).
     */
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(RequestDetails request, IBaseResource resource) {
        Caller caller = Callers.of(request);
        if (caller != null
                && caller.role() == Role.REGISTRY
                && resource != null
                && !caller.may(resource.fhirType(), Permission.CREATE)) {
            throw new ForbiddenOperationException(Refusals.message(caller, resource.fhirType(), Permission.CREATE));
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void updated(RequestDetails request, IBaseResource oldResource, IBaseResource newResource) {
        Caller caller = Callers.of(request);
        if (caller == null
                || caller.role() != Role.REGISTRY
                || !(oldResource instanceof ResearchSubject stored)
                || !(newResource instanceof ResearchSubject proposed)) {
            return;
        }
        Set<String> protectedSystems = protectedSystems(stored);
        List<String> problems = new ArrayList<>(identifierProblems(stored, proposed, protectedSystems));
        if (!sameApartFromIdentifiers(stored, proposed)) {
            problems.add("a registry may change only identifiers of a ResearchSubject: status, period, study,"
                    + " individual, arms and consent must stay as stored (an arm left out is kept)");
        }
        if (!problems.isEmpty()) {
            throw refusal(problems);
        }
        merge(stored, proposed);
    }

    /** The stored subject with the registry's identifiers, written into the resource HAPI is about to store. */
    private static void merge(ResearchSubject stored, ResearchSubject proposed) {
        IdType id = proposed.getIdElement();
        List<Identifier> identifiers = proposed.getIdentifier();
        ResearchSubject merged = stored.copy();
        merged.setIdentifier(identifiers);
        merged.copyValues(proposed);
        proposed.setIdElement(id);
        // HAPI keeps the request's body with the parsed resource, and validation reads that body first
        // (ValidationContext): without this the registry's masked copy would be validated, not what is stored.
        ResourceUtil.clearRawStringFromResource(proposed);
    }

    private static List<String> identifierProblems(
            ResearchSubject stored, ResearchSubject proposed, Set<String> protectedSystems) {
        List<String> problems = new ArrayList<>();
        for (Identifier identifier : proposed.getIdentifier()) {
            if (!identifier.hasSystem() || !identifier.hasValue()) {
                problems.add("every identifier needs a system and a value");
            } else if (protectedSystems.contains(identifier.getSystem()) && !contains(stored, identifier)) {
                problems.add("identifiers of " + identifier.getSystem() + " are the server's or the hospital's;"
                        + " a registry may add identifiers of its own system only");
            }
        }
        for (Identifier identifier : stored.getIdentifier()) {
            if (protectedSystems.contains(identifier.getSystem()) && !contains(proposed, identifier)) {
                problems.add("the identifier " + identifier.getSystem() + "|" + identifier.getValue()
                        + " is the server's or the hospital's and must stay as stored");
            }
        }
        return problems;
    }

    /** Systems the registry may not touch: the server's, and those the subject was created with. */
    private Set<String> protectedSystems(ResearchSubject stored) {
        Set<String> systems = new TreeSet<>();
        stored.getIdentifier().stream()
                .map(Identifier::getSystem)
                .filter(system -> system != null && system.startsWith(SERVER_SYSTEMS))
                .forEach(systems::add);
        IdType first = stored.getIdElement().toUnqualifiedVersionless().withVersion("1");
        ResearchSubject created =
                (ResearchSubject) daos.getResourceDao(ResearchSubject.class).read(first, new SystemRequestDetails());
        created.getIdentifier().stream()
                .map(Identifier::getSystem)
                .filter(java.util.Objects::nonNull)
                .forEach(systems::add);
        return systems;
    }

    private static boolean sameApartFromIdentifiers(ResearchSubject stored, ResearchSubject proposed) {
        ResearchSubject before = comparable(stored);
        ResearchSubject after = comparable(proposed);
        // A blinded registry read the subject without its arms: leaving them out keeps them.
        if (!proposed.hasAssignedArm()) {
            before.setAssignedArm(null);
        }
        if (!proposed.hasActualArm()) {
            before.setActualArm(null);
        }
        return before.equalsDeep(after);
    }

    /** The subject without what the server manages (id, meta, narrative) and without the identifiers compared apart. */
    private static ResearchSubject comparable(ResearchSubject subject) {
        ResearchSubject copy = subject.copy();
        copy.setIdElement(null);
        copy.setMeta(null);
        copy.setText(null);
        copy.getIdentifier().clear();
        return copy;
    }

    private static boolean contains(ResearchSubject subject, Identifier identifier) {
        return subject.getIdentifier().stream().anyMatch(identifier::equalsDeep);
    }

    private static ForbiddenOperationException refusal(List<String> problems) {
        OperationOutcome outcome = new OperationOutcome();
        problems.stream().distinct().forEach(problem -> outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.FORBIDDEN)
                .setDiagnostics(problem));
        ForbiddenOperationException refusal =
                new ForbiddenOperationException("The registry's update of the ResearchSubject was refused: "
                        + String.join("; ", problems.stream().distinct().toList())
                        + " (docs/sync.md, Push identifiers back)");
        refusal.setOperationOutcome(outcome);
        return refusal;
    }
}
