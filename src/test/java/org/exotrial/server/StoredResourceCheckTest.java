package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The subclasses rely on HAPI's registry finding the hooks they inherit; this pins it with HAPI's own registry. */
class StoredResourceCheckTest {

    private final List<String> checked = new ArrayList<>();
    private final InterceptorService interceptors = new InterceptorService();

    StoredResourceCheckTest() {
        interceptors.registerInterceptor(new StoredResourceCheck() {
            @Override
            protected void check(RequestDetails request, IBaseResource resource) {
                String id = resource.getIdElement().getIdPart();
                if ("refused".equals(id)) {
                    throw new InvalidRequestException("refused");
                }
                checked.add(id);
            }
        });
    }

    @Test
    void aCreatedResourceIsChecked() {
        interceptors.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, created(patient("new")));
        assertThat(checked).containsExactly("new");
    }

    @Test
    void anUpdateIsCheckedAsTheResourceItWillStore() {
        HookParams params = new HookParams()
                .add(IBaseResource.class, patient("old"))
                .add(IBaseResource.class, patient("replacement"))
                .add(RequestDetails.class, null)
                .add(ServletRequestDetails.class, null)
                .add(TransactionDetails.class, null);
        interceptors.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, params);
        assertThat(checked).containsExactly("replacement");
    }

    @Test
    void aRefusalReachesTheCaller() {
        assertThatThrownBy(() -> interceptors.callHooks(
                        Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, created(patient("refused"))))
                .isInstanceOf(InvalidRequestException.class);
    }

    private static Patient patient(String id) {
        Patient patient = new Patient();
        patient.setId(id);
        return patient;
    }

    private static HookParams created(IBaseResource resource) {
        return new HookParams()
                .add(IBaseResource.class, resource)
                .add(RequestDetails.class, null)
                .add(ServletRequestDetails.class, null)
                .add(TransactionDetails.class, null)
                .add(RequestPartitionId.class, null);
    }
}
