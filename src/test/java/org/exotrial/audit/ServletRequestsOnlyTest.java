package org.exotrial.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.InterceptorInvocationTimingEnum;
import ca.uhn.fhir.rest.api.server.SimplePreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ServletRequestsOnlyTest {

    /** Stands in for BALP: hooks that need a servlet request. */
    static final class Recorder {
        final List<String> calls = new ArrayList<>();

        @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
        public void shown(ServletRequestDetails servlet) {
            calls.add("shown " + servlet.getRequestId());
        }

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
        public void updated(IBaseResource oldResource, IBaseResource newResource, ServletRequestDetails servlet) {
            calls.add("updated " + oldResource.getIdElement().getIdPart() + "->"
                    + newResource.getIdElement().getIdPart());
        }
    }

    private final Recorder balp = new Recorder();
    private final ServletRequestsOnly gate =
            new ServletRequestsOnly(balp, new SearchPatients(new CallerAuditContext()));

    @Test
    void requestsOverHttpReachBalp() {
        ServletRequestDetails servlet = new ServletRequestDetails();
        servlet.setRequestId("r1");
        var shown = new SimplePreResourceShowDetails(List.of(new Patient()));

        gate.shown(shown, servlet, servlet);
        gate.updated(
                new Patient().setId("old"),
                new Patient().setId("new"),
                servlet,
                servlet,
                new TransactionDetails(),
                InterceptorInvocationTimingEnum.ACTIVE);

        assertThat(balp.calls).containsExactly("shown r1", "updated old->new");
    }

    @Test
    void theServersOwnRequestsDoNotReachBalp() {
        var shown = new SimplePreResourceShowDetails(List.of(new Patient()));

        gate.shown(shown, new SystemRequestDetails(), null);
        gate.created(
                new Patient(),
                new SystemRequestDetails(),
                null,
                new TransactionDetails(),
                InterceptorInvocationTimingEnum.ACTIVE);

        assertThat(balp.calls).isEmpty();
    }
}
