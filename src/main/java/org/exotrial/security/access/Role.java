package org.exotrial.security.access;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a kind of client may ever do, whatever scopes it asks for: a token's effective rights are its scopes cut down
 * to its role's ceiling. The ceiling is written as SMART scopes so it reads like the scopes clients request.
 */
public enum Role {
    /**
     * A hospital interface engine: creates, updates, reads and searches whatever a hospital record holds (every R4
     * type), so it can look a patient up before it writes; it never deletes, and it only reads the study's own
     * definitions ({@link EhrBoundary}). Blinded like any role that is not unblinded.
     */
    EHR(false, "system/*.crus"),
    /** Reads and searches study data; blinded while a study is masked and not unblinded. */
    ANALYST(false, clinicalReadScopes()),
    /** Unblinded statistician or data-monitoring committee member: the analyst's reads, arms included. */
    STATISTICIAN(true, clinicalReadScopes()),
    /**
     * An outcomes registry: reads studies, participants and outcomes, manages its own subscriptions, and adds its own
     * identifiers to participants; an update of a ResearchSubject may change nothing else ({@link
     * RegistryIdentifiers}).
     */
    REGISTRY(
            false,
            "system/ResearchStudy.rs",
            "system/Group.rs",
            "system/Binary.r",
            "system/ResearchSubject.rus",
            "system/Patient.rs",
            "system/Observation.rs",
            "system/Procedure.rs",
            "system/AdverseEvent.rs",
            "system/Encounter.rs",
            "system/Subscription.cruds"),
    /** Operates the server: everything, including the audit trail and unblinding a study. */
    ADMIN(true, "system/*.cruds");

    /** Types no client may write: the audit trail is written by the server alone. */
    static final List<String> SERVER_WRITTEN_TYPES = List.of("AuditEvent");

    private final boolean seesArms;
    private final List<SmartScope> ceiling;

    Role(boolean seesArms, String... ceiling) {
        this.seesArms = seesArms;
        this.ceiling = Stream.of(ceiling).map(SmartScope::parse).toList();
    }

    /** Whether this role sees arm assignments of a masked study that has not been unblinded. */
    public boolean seesArmsWhileMasked() {
        return seesArms;
    }

    /**
     * Whether the role may start a bulk export ({@code $export}, docs/export.md): every role but the hospital interface,
     * for the types its scopes read. Its files are {@code Binary} resources that only the client that asked may read.
     */
    public boolean exports() {
        return this != EHR;
    }

    /** Whether the role may ever do this on the type ({@code *}: on every type at once, as system-wide search needs). */
    public boolean permits(String type, Permission permission) {
        if (!reaches(type, permission)) {
            return false;
        }
        return this != EHR || EhrBoundary.allows(type, permission);
    }

    /**
     * The ceiling alone, before the EHR's boundary: what HAPI's type-level rules are built from. The boundary is then
     * checked resource by resource ({@link ScopeAuthorization}).
     */
    boolean reaches(String type, Permission permission) {
        if (SERVER_WRITTEN_TYPES.contains(type) && permission.writes()) {
            return false;
        }
        if ("AuditEvent".equals(type) && this != ADMIN) {
            return false;
        }
        return ceiling.stream().anyMatch(scope -> scope.covers(type, permission));
    }

    public List<SmartScope> ceiling() {
        return ceiling;
    }

    /** The role as written in configuration and in the token's role claim. */
    public String claim() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role ofClaim(String claim) {
        for (Role role : values()) {
            if (role.claim().equals(claim)) {
                return role;
            }
        }
        return null;
    }

    /**
     * Study and clinical data, the study Groups ({@code Group/study-<id>}, for {@code Group/[id]/$export}) and reading
     * by id the Binary files of their own exports.
     */
    private static String[] clinicalReadScopes() {
        return Stream.concat(
                        Stream.of(
                                        "Patient",
                                        "ResearchStudy",
                                        "ResearchSubject",
                                        "Procedure",
                                        "Observation",
                                        "Specimen",
                                        "Encounter",
                                        "AdverseEvent",
                                        "Condition",
                                        "Organization",
                                        "Location",
                                        "Practitioner",
                                        "Group",
                                        // The trial's shipped SQL-on-FHIR views, served as Library resources.
                                        "Library")
                                .map(type -> "system/" + type + ".rs"),
                        Stream.of("system/Binary.r"))
                .toArray(String[]::new);
    }
}
