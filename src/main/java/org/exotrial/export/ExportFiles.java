package org.exotrial.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.exotrial.security.access.Permission;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Identifier;

/**
 * An export's files ({@code Binary} resources) are the requester's alone: no other client reads them, admin included,
 * since a blinded analyst's file and a statistician's differ and neither is meant for anyone else. The roles that hold
 * {@code Binary.r} only for their export files (analyst, statistician, registry) read no other Binary.
 */
@Interceptor
final class ExportFiles {

    /** STORAGE_PRESHOW_RESOURCES: every Binary a client request is about to receive (read, vread, search, include). */
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(IPreResourceShowDetails details, RequestDetails request) {
        Caller caller = Callers.of(request);
        if (caller == Caller.SYSTEM || caller == null) {
            return; // the server's own work; or security off, where nothing is owned
        }
        for (int i = 0; i < details.size(); i++) {
            if (details.getResource(i) instanceof Binary binary) {
                check(caller, binary);
            }
        }
    }

    private static void check(Caller caller, Binary binary) {
        Identifier owner = binary.getSecurityContext().getIdentifier();
        if (ExportJobs.FILE_OWNER_SYSTEM.equals(owner.getSystem())) {
            if (!java.util.Objects.equals(owner.getValue(), caller.clientId())) {
                throw new ForbiddenOperationException(
                        "This export file belongs to another client: only the client that started an export reads"
                                + " its files");
            }
        } else if (!caller.role().permits("Binary", Permission.SEARCH)) {
            // Analyst, statistician and registry hold Binary.r for their export files alone; the EHR and admin read
            // and search the hospital's Binaries (documents) as any other type.
            throw new ForbiddenOperationException(
                    "The " + caller.role().claim() + " role reads Binary only for the" + " files of its own exports");
        }
    }
}
