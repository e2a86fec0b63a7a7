package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/** Retries a write that collided with another in the database ({@link ConflictRetryConfig}). */
final class RetryOnConflict {

    static final int MAX_RETRIES = 5;

    /**
     * STORAGE_VERSION_CONFLICT: HAPI asks how to resolve a unique-key or version clash during a write. An update
     * with {@code If-Match} is retried once: enough to turn a clash with a concurrent writer into the version
     * check, which then fails with 412 (IfMatchConfig); more retries cannot make a stale version current.
     */
    @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
    public ResourceVersionConflictResolutionStrategy retry(RequestDetails request) {
        var strategy = new ResourceVersionConflictResolutionStrategy();
        strategy.setRetry(true);
        strategy.setMaxRetries(IfMatchPreconditions.hasIfMatch(request) ? 1 : MAX_RETRIES);
        return strategy;
    }
}
