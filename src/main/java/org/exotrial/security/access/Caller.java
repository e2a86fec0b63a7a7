package org.exotrial.security.access;

import java.util.List;

/**
 * Who is calling, as the FHIR layer sees it: the OAuth client, its role and the scopes its token grants. Every
 * authorization decision (scopes, blinding, audit) starts from this one object.
 */
public record Caller(String clientId, Role role, List<SmartScope> scopes) {

    /** The server itself: guide installation, demo data, HL7 v2 over MLLP, audit writes. */
    public static final Caller SYSTEM = new Caller("exotrial-server", Role.ADMIN, Role.ADMIN.ceiling());

    /** Whether the token's scopes and the role's ceiling both allow the interaction on the type. */
    public boolean may(String type, Permission permission) {
        return role.permits(type, permission) && scopes.stream().anyMatch(scope -> scope.covers(type, permission));
    }

    /**
     * As {@link #may} but with the role's ceiling alone, before the EHR's per-type boundary: what HAPI's type-level
     * rules are built from ({@link ScopeAuthorization}).
     */
    boolean reaches(String type, Permission permission) {
        return role.reaches(type, permission) && scopes.stream().anyMatch(scope -> scope.covers(type, permission));
    }

    public boolean seesArmsWhileMasked() {
        return role.seesArmsWhileMasked();
    }
}
