package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import java.util.Comparator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/** Registers every {@link StorageHook} bean with HAPI's interceptor service, stage by stage, once all beans exist. */
final class StorageHooks implements SmartInitializingSingleton {

    private final IInterceptorService interceptors;
    private final ObjectProvider<StorageHook> hooks;

    StorageHooks(IInterceptorService interceptors, ObjectProvider<StorageHook> hooks) {
        this.interceptors = interceptors;
        this.hooks = hooks;
    }

    @Override
    public void afterSingletonsInstantiated() {
        hooks.orderedStream()
                .sorted(Comparator.comparing(StorageHook::stage))
                .forEach(hook -> interceptors.registerInterceptor(hook.interceptor()));
    }
}
