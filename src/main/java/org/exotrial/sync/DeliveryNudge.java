package org.exotrial.sync;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes the delivery worker when a transaction that wrote a topic's trigger type commits, so that a notification
 * leaves within milliseconds of its commit rather than at the worker's next interval. A write that matched no topic
 * wakes it for nothing, which costs one query.
 */
final class DeliveryNudge {

    private final Set<String> triggerTypes;
    private final DeliveryWorker worker;

    DeliveryNudge(InstalledTopics topics, DeliveryWorker worker) {
        this.triggerTypes =
                topics.triggers().stream().map(TopicTrigger::resource).collect(Collectors.toUnmodifiableSet());
        this.worker = worker;
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        written(resource);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource current) {
        written(current);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        written(resource);
    }

    private void written(IBaseResource resource) {
        if (!triggerTypes.contains(resource.fhirType())
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        // Once per transaction: a transaction bundle of a thousand entries needs one wake-up.
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof AfterCommit nudge && nudge.worker == worker) {
                return;
            }
        }
        TransactionSynchronizationManager.registerSynchronization(new AfterCommit(worker));
    }

    private record AfterCommit(DeliveryWorker worker) implements TransactionSynchronization {
        @Override
        public void afterCommit() {
            worker.wake();
        }
    }
}
