package org.exotrial.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.util.Optional;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.Callers;
import org.exotrial.sync.SyncStore.SyncSubscription;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * Keeps {@code exo_sync_subscription} in step with the Subscription resources: every committed write of a topic
 * subscription upserts its row, in the write's own transaction, so the row and the resource never disagree; a delete
 * deletes the row, and with it the subscription's events and cursor. A storage hook, so the server's own writes (a
 * status set by delivery) are followed too.
 *
 * <p>The owner is who the row says delivery acts for (scopes and blinding at send time): the client that created the
 * subscription, refreshed when it writes it again. Another writer (an admin, the server itself) leaves the owner as it
 * was, so that an admin's edit never lends the admin's rights to a registry's endpoint.
 */
final class SubscriptionStateSync {

    private final InstalledTopics topics;
    private final SyncStore store;

    SubscriptionStateSync(InstalledTopics topics, SyncStore store) {
        this.topics = topics;
        this.store = store;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(RequestDetails request, IBaseResource resource) {
        save(request, resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(RequestDetails request, IBaseResource previous, IBaseResource current) {
        save(request, current);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof Subscription) {
            store.deleteSubscription(resource.getIdElement().getIdPart());
        }
    }

    private void save(RequestDetails request, IBaseResource resource) {
        if (!(resource instanceof Subscription subscription)) {
            return;
        }
        String id = subscription.getIdElement().getIdPart();
        if (!isTopicSubscription(subscription)) {
            // Not one sync delivers (admission refuses these from clients); a row left from before would fire.
            store.deleteSubscription(id);
            return;
        }
        Optional<SyncSubscription> existing = store.subscription(id);
        String status =
                subscription.hasStatus() ? subscription.getStatus().toCode() : SubscriptionStatus.REQUESTED.toCode();
        store.saveSubscription(BackportSubscription.of(subscription).row(id, owner(request, existing), status));
        boolean requestedAgain = SubscriptionStatus.REQUESTED.toCode().equals(status)
                && existing.map(row -> !row.status().equals(status)).orElse(false);
        if (requestedAgain) {
            // Asked for again (after error or off, or after an owner's change of an active one): a new handshake.
            store.resetDelivery(id);
        }
    }

    private boolean isTopicSubscription(Subscription subscription) {
        return BackportSubscription.declaresProfile(subscription)
                && topics.urls().contains(subscription.getCriteria());
    }

    private static SubscriptionOwner owner(RequestDetails request, Optional<SyncSubscription> existing) {
        boolean serverWrite = request == null || request instanceof SystemRequestDetails;
        Caller writer = serverWrite ? Caller.SYSTEM : Callers.of(request);
        if (writer == null) {
            // The security filter chain lets no unauthenticated request through; never fall back to the server.
            throw new IllegalStateException("a client's write of a subscription without a caller");
        }
        if (existing.isPresent()
                && (serverWrite || !writer.clientId().equals(existing.get().ownerClientId()))) {
            return SubscriptionOwner.of(existing.get());
        }
        return SubscriptionOwner.of(writer);
    }
}
