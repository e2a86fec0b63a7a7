package org.exotrial.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * BALP records a read or a search when storage hands the resources over for display, which is before authorization
 * has checked the whole response (an {@code _include} of a type the caller may not read is refused then, with 403).
 * Such events are held on the request and queued only once HAPI has answered it successfully; a request that fails
 * instead leaves only its failure event, so no refused request shows up as a disclosure too.
 */
final class HeldUntilAnswered {

    /** The HTTP request whose resources are being shown to BALP on this thread, if any. */
    private static final ThreadLocal<RequestDetails> SHOWING = new ThreadLocal<>();

    private static final String HELD = HeldUntilAnswered.class.getName() + ".held";

    private HeldUntilAnswered() {}

    static void whileShowing(RequestDetails request, Runnable show) {
        RequestDetails outer = SHOWING.get();
        SHOWING.set(request);
        try {
            show.run();
        } finally {
            if (outer == null) {
                SHOWING.remove();
            } else {
                SHOWING.set(outer);
            }
        }
    }

    /** Holds the event on the request being shown; false when no request is being shown on this thread. */
    static boolean hold(AuditEvent event) {
        RequestDetails request = SHOWING.get();
        if (request == null) {
            return false;
        }
        held(request).add(event);
        return true;
    }

    /** The events held on the request, now no longer held. */
    static List<AuditEvent> release(RequestDetails request) {
        Object held = request.getUserData().remove(HELD);
        @SuppressWarnings("unchecked")
        List<AuditEvent> events = held == null ? List.of() : (List<AuditEvent>) held;
        return events;
    }

    @SuppressWarnings("unchecked")
    private static List<AuditEvent> held(RequestDetails request) {
        return (List<AuditEvent>) request.getUserData().computeIfAbsent(HELD, key -> new ArrayList<AuditEvent>());
    }
}
