package org.exotrial.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.exotrial.ig.ImplementationGuide;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * How an AuditEvent names who made a request: the OAuth client as a logical reference (an identifier, not a resource
 * the server would have to hold), plus {@code altId}, {@code name} and the role so admins can search by them.
 */
final class AuditAgents {

    /** The system of OAuth client ids; {@code AuditEvent?altid=<client id>} finds a client's events. */
    static final String CLIENT_ID_SYSTEM = ImplementationGuide.CANONICAL + "/sid/oauth-client";

    /** The system of ExoTrial roles; {@code AuditEvent?agent-role=<system>|ehr} finds a role's events. */
    static final String ROLE_SYSTEM = ImplementationGuide.CANONICAL + "/CodeSystem/client-role";

    /**
     * Named for a request that reached the FHIR layer without a validated token. The security filter chain never lets
     * one through; if that ever breaks, the audit trail says so instead of failing the request.
     */
    static final String UNAUTHENTICATED = "unauthenticated";

    /** Where the caller travels from the reference to {@link #complete}, in memory only (never serialized). */
    private static final String CALLER = AuditAgents.class.getName() + ".caller";

    private AuditAgents() {}

    static Reference who(RequestDetails request) {
        Caller caller = Callers.of(request);
        String clientId = caller == null ? UNAUTHENTICATED : caller.clientId();
        Reference who = new Reference();
        who.getIdentifier().setSystem(CLIENT_ID_SYSTEM).setValue(clientId);
        who.setDisplay(clientId);
        if (caller != null) {
            who.setUserData(CALLER, caller);
        }
        return who;
    }

    /**
     * BALP only fills {@code agent.who}, which HAPI cannot search by identifier; copies the client id to
     * {@code altId} and {@code name} and adds the role, on every agent that names a caller.
     */
    static void complete(AuditEvent event) {
        for (AuditEventAgentComponent agent : event.getAgent()) {
            if (!agent.hasWho()
                    || !CLIENT_ID_SYSTEM.equals(agent.getWho().getIdentifier().getSystem())) {
                continue;
            }
            String clientId = agent.getWho().getIdentifier().getValue();
            agent.setAltId(clientId);
            agent.setName(clientId);
            if (agent.getWho().getUserData(CALLER) instanceof Caller caller && caller.role() != null) {
                agent.addRole()
                        .addCoding()
                        .setSystem(ROLE_SYSTEM)
                        .setCode(caller.role().claim());
            }
        }
    }
}
