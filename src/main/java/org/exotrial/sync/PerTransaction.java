package org.exotrial.sync;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One object per running database transaction, registered as one of its synchronizations on first use, found again in
 * constant time: a transaction bundle of 20,000 entries asks for it 20,000 times, and scanning the transaction's
 * synchronizations each time (they are copied and sorted on every read) made such a bundle quadratic. The transaction
 * is told apart by its connection holder, which a nested transaction ({@code REQUIRES_NEW}) replaces while it runs, so
 * a nested write gets its own object and commits with its own transaction.
 */
final class PerTransaction<T extends TransactionSynchronization> {

    /** Key of the holder map when the transaction binds no connection for the data source (not HAPI's case). */
    private static final Object NO_CONNECTION = new Object();

    private final DataSource dataSource;
    private final Supplier<T> factory;

    PerTransaction(DataSource dataSource, Supplier<T> factory) {
        this.dataSource = dataSource;
        this.factory = factory;
    }

    /** The current transaction's object; call only while transaction synchronization is active. */
    T current() {
        Object holder = TransactionSynchronizationManager.getResource(dataSource);
        Object transaction = holder == null ? NO_CONNECTION : holder;
        @SuppressWarnings("unchecked")
        Map<Object, T> byTransaction = (Map<Object, T>) TransactionSynchronizationManager.getResource(this);
        if (byTransaction == null) {
            byTransaction = new IdentityHashMap<>();
            TransactionSynchronizationManager.bindResource(this, byTransaction);
        }
        T current = byTransaction.get(transaction);
        if (current == null) {
            current = factory.get();
            byTransaction.put(transaction, current);
            TransactionSynchronizationManager.registerSynchronization(current);
            TransactionSynchronizationManager.registerSynchronization(new Forget(byTransaction, transaction));
        }
        return current;
    }

    /** Drops the transaction's object when it completes, and the map with the last one. */
    private final class Forget implements TransactionSynchronization {
        private final Map<Object, T> byTransaction;
        private final Object transaction;

        Forget(Map<Object, T> byTransaction, Object transaction) {
            this.byTransaction = byTransaction;
            this.transaction = transaction;
        }

        @Override
        public void afterCompletion(int status) {
            byTransaction.remove(transaction);
            if (byTransaction.isEmpty()) {
                TransactionSynchronizationManager.unbindResourceIfPossible(PerTransaction.this);
            }
        }
    }
}
