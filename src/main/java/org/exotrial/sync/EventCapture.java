package org.exotrial.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.exotrial.sync.SyncStore.Change;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a subscription event for every write a subscribed topic's trigger matches, in the write's own transaction:
 * committed with it or not at all (docs/sync-design-notes.md). A storage hook, so every write counts, whichever way it
 * came. The events of one transaction are buffered and numbered just before it commits, subscription by subscription
 * in id order, so that two transactions lock the subscriptions' counters in the same order and cannot deadlock.
 *
 * <p>Not yet applied here: the subscriptions' filters (a study) and blinding; both are for the delivery to apply.
 */
final class EventCapture {

    private static final Logger log = LoggerFactory.getLogger(EventCapture.class);

    private final TriggerMatcher matcher;
    private final SyncStore store;

    EventCapture(TriggerMatcher matcher, SyncStore store) {
        this.matcher = matcher;
        this.store = store;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        capture("create", null, resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource current) {
        capture("update", previous, current);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        capture("delete", resource, resource);
    }

    private void capture(String interaction, IBaseResource previous, IBaseResource current) {
        Set<String> candidates = matcher.candidates(current.fhirType(), interaction);
        if (candidates.isEmpty()) {
            return;
        }
        Map<String, List<String>> subscriptions = store.subscriptionsOn(candidates);
        if (subscriptions.isEmpty()) {
            return;
        }
        Set<String> topics = matcher.topics(interaction, previous, current, subscriptions.keySet());
        if (topics.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // HAPI writes in a transaction; an event recorded outside one could outlive a write that failed.
            log.error("Sync: a {} of {} outside a transaction: no event recorded", interaction, current.fhirType());
            return;
        }
        var id = current.getIdElement();
        Change change = new Change(current.fhirType(), id.getIdPart(), id.getVersionIdPart(), interaction);
        Pending pending = pending();
        topics.forEach(topic -> subscriptions.get(topic).forEach(subscription -> pending.add(subscription, change)));
    }

    /**
     * The current transaction's buffer, registered with it on its first event. Found among the transaction's
     * synchronizations rather than bound as a thread resource: a nested transaction (REQUIRES_NEW) has its own list,
     * so its events commit with it, not with the transaction it suspended.
     */
    private Pending pending() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof Pending pending && pending.store == store) {
                return pending;
            }
        }
        Pending pending = new Pending(store);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    /** One transaction's events, by subscription id in order, numbered just before it commits. */
    private static final class Pending implements TransactionSynchronization {
        private final SyncStore store;
        private final Map<String, List<Change>> byId = new TreeMap<>();

        Pending(SyncStore store) {
            this.store = store;
        }

        void add(String subscription, Change change) {
            byId.computeIfAbsent(subscription, s -> new ArrayList<>()).add(change);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            byId.forEach(store::recordEvents);
        }
    }
}
