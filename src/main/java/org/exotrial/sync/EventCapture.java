package org.exotrial.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.exotrial.sync.SyncStore.Change;
import org.exotrial.sync.SyncStore.Subscribed;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a subscription event for every write a subscribed topic's trigger matches, in the write's own transaction:
 * committed with it or not at all (docs/sync.md). A storage hook, so every write counts, whichever way it
 * came. The events of one transaction are buffered and numbered just before it commits, subscription by subscription
 * in id order, so that two transactions lock the subscriptions' counters in the same order and cannot deadlock.
 *
 * <p>Each subscription's filters and its owner's blinding are applied here ({@link EventFilter}), so that event
 * numbers count what the owner is told about; scopes and masking of the payload are applied when it is sent.
 */
final class EventCapture {

    private static final Logger log = LoggerFactory.getLogger(EventCapture.class);

    private final TriggerMatcher matcher;
    private final EventFilter filter;
    private final PerTransaction<Pending> pending;

    /**
     * @param recorded told after a transaction that recorded events commits (wakes the delivery worker, so that a
     *     notification leaves within milliseconds of the commit rather than at the worker's next look)
     */
    EventCapture(
            TriggerMatcher matcher, EventFilter filter, SyncStore store, DataSource dataSource, Runnable recorded) {
        this.matcher = matcher;
        this.filter = filter;
        this.pending = new PerTransaction<>(dataSource, () -> new Pending(store, recorded));
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
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            // HAPI writes in a transaction; an event recorded outside one could outlive a write that failed.
            log.error("Sync: a {} of {} outside a transaction: no event recorded", interaction, current.fhirType());
            return;
        }
        Pending pending = this.pending.current();
        List<Subscribed> subscribed = pending.subscribed().stream()
                .filter(subscription -> candidates.contains(subscription.topicUrl()))
                .toList();
        if (subscribed.isEmpty()) {
            return;
        }
        Set<String> topics = matcher.topics(
                interaction,
                previous,
                current,
                subscribed.stream().map(Subscribed::topicUrl).toList());
        var id = current.getIdElement();
        Change change = new Change(current.fhirType(), id.getIdPart(), id.getVersionIdPart(), interaction);
        for (Subscribed subscription : subscribed) {
            if (topics.contains(subscription.topicUrl())
                    && filter.accepts(subscription, "delete".equals(interaction) ? null : previous, current)) {
                pending.add(subscription.id(), change);
            }
        }
    }

    /**
     * One transaction's events, by subscription id in order, numbered just before it commits; and the subscriptions
     * as the transaction first saw them, read once however many resources it writes.
     */
    private static final class Pending implements TransactionSynchronization {
        private final SyncStore store;
        private final Runnable recorded;
        private final Map<String, List<Change>> byId = new TreeMap<>();
        private List<Subscribed> subscribed;

        Pending(SyncStore store, Runnable recorded) {
            this.store = store;
            this.recorded = recorded;
        }

        List<Subscribed> subscribed() {
            if (subscribed == null) {
                subscribed = store.subscribed();
            }
            return subscribed;
        }

        void add(String subscription, Change change) {
            byId.computeIfAbsent(subscription, s -> new ArrayList<>()).add(change);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            byId.forEach(store::recordEvents);
        }

        @Override
        public void afterCommit() {
            if (!byId.isEmpty()) {
                recorded.run();
            }
        }
    }
}
