package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.exotrial.support.ServerIT;
import org.exotrial.sync.SyncStore.Change;
import org.exotrial.sync.SyncStore.SyncEvent;
import org.exotrial.sync.SyncStore.SyncSubscription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The sync tables in the shared server's database, in transactions of HAPI's own transaction manager. */
class SyncStoreIT extends ServerIT {

    @Autowired
    SyncStore store;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void eventsAreNumberedWithoutGapsAndARolledBackWriteLeavesNone() {
        String id = unique("sub");
        store.saveSubscription(subscription(id));
        TransactionTemplate tx = new TransactionTemplate(transactions);

        List<Long> first = tx.execute(status -> store.recordEvents(id, List.of(change("a", "create"))));
        tx.executeWithoutResult(status -> {
            store.recordEvents(id, List.of(change("b", "create")));
            status.setRollbackOnly();
        });
        List<Long> next =
                tx.execute(status -> store.recordEvents(id, List.of(change("c", "create"), change("a", "update"))));

        assertThat(first).containsExactly(1L);
        assertThat(next).containsExactly(2L, 3L);
        assertThat(store.lastEventNumber(id)).isEqualTo(3);
        List<SyncEvent> events = store.eventsSince(id, 0, 10);
        assertThat(events).extracting(SyncEvent::number).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(e -> e.change().id()).containsExactly("a", "c", "a");
        assertThat(store.eventsSince(id, 1, 1)).extracting(SyncEvent::number).containsExactly(2L);
    }

    @Test
    void savingASubscriptionAgainKeepsItsEvents() {
        String id = unique("sub");
        store.saveSubscription(subscription(id));
        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> store.recordEvents(id, List.of(change("a", "create"))));

        store.saveSubscription(subscription(id));

        assertThat(store.lastEventNumber(id)).isEqualTo(1);
        assertThat(store.eventsSince(id, 0, 10)).hasSize(1);
    }

    @Test
    void eventsAreRecordedOnlyInATransaction() {
        String id = unique("sub");
        store.saveSubscription(subscription(id));

        assertThatThrownBy(() -> store.recordEvents(id, List.of(change("a", "create"))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.lastEventNumber(id)).isZero();
        assertThat(store.lastEventNumber(unique("unknown"))).isEqualTo(-1);
        // A subscription deleted while a write that saw it was running: the write goes on without its events.
        List<Long> none = new TransactionTemplate(transactions)
                .execute(status -> store.recordEvents(unique("deleted"), List.of(change("a", "create"))));
        assertThat(none).isEmpty();
    }

    private static SyncSubscription subscription(String id) {
        return new SyncSubscription(
                id,
                "registry-client",
                "registry",
                "system/ResearchSubject.rs",
                "https://exotrial.org/fhir/SubscriptionTopic/subject-enrolment",
                List.of("ResearchSubject?study=ResearchStudy/lar-exosome-trial"),
                "id-only",
                "requested",
                "https://registry.example.org/hook",
                List.of(),
                null,
                null,
                null);
    }

    private static Change change(String id, String interaction) {
        return new Change("ResearchSubject", id, "1", interaction);
    }
}
