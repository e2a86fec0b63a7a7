package org.exotrial.audit;

import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where BALP and {@link RequestAudit} hand their AuditEvents: a bounded in-memory queue drained by one background
 * thread that writes batches ({@link AuditEventWriter}). Requests never wait for the audit write itself; the price is
 * that an event becomes searchable up to about {@code flush-interval} plus one batch write after its request.
 *
 * <p>When the queue is full the request thread waits up to {@code enqueue-timeout} for room, and a WARN line counts
 * how often that happened; only if the writer is still stuck after that is the event dropped, counted in another WARN
 * line. Waiting slows clients to the pace of the audit writer, which is what an overloaded database needs; failing the
 * request instead would turn a slow audit write into an outage for interface engines, and blocking without limit
 * could hang every request thread on a database that is down (a thread may wait while holding a connection its
 * transaction has just committed on, see {@link #recordAuditEvent}).
 */
final class AuditEventQueue implements IBalpAuditEventSink, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditEventQueue.class);

    /**
     * Stops after the web server has drained its requests (Boot's graceful shutdown runs at MAX_VALUE - 1024, the web
     * server stops at MAX_VALUE - 2048) and before any bean is destroyed, so the last events still reach the database.
     */
    static final int PHASE = Integer.MAX_VALUE - 4096;

    private final BlockingQueue<AuditEvent> queue;
    private final AuditEventWriter writer;
    private final int batchSize;
    private final long flushNanos;
    private final Duration enqueueTimeout;
    private final AtomicLong waitedForRoom = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    AuditEventQueue(AuditProperties properties, AuditEventWriter writer) {
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.writer = writer;
        this.batchSize = properties.batchSize();
        this.flushNanos = Math.max(1, properties.flushInterval().toNanos());
        this.enqueueTimeout = properties.enqueueTimeout();
    }

    /**
     * Called on the request thread. A create, update or delete is recorded by BALP just before its transaction commits;
     * it is queued only once the transaction has committed, so a rolled-back write (a later entry of a transaction
     * bundle failing) leaves no success in the trail, only the failure {@link RequestAudit} records for the request.
     * A read or search is held until the request has been answered ({@link HeldUntilAnswered}).
     */
    @Override
    public void recordAuditEvent(AuditEvent event) {
        QueryRedaction.redact(event);
        AuditAgents.complete(event);
        AuditReferences.nameDeletedTarget(event);
        if (isWrite(event) && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_COMMITTED) {
                        enqueue(event);
                    }
                }
            });
        } else if (!HeldUntilAnswered.hold(event)) {
            enqueue(event);
        }
    }

    private static boolean isWrite(AuditEvent event) {
        AuditEventAction action = event.getAction();
        return action == AuditEventAction.C || action == AuditEventAction.U || action == AuditEventAction.D;
    }

    void enqueue(AuditEvent event) {
        if (!running) {
            // Before start or after stop there is no writer thread: write on the caller's thread rather than lose it.
            writer.write(List.of(event));
            return;
        }
        if (queue.offer(event)) {
            return;
        }
        long waits = waitedForRoom.incrementAndGet();
        if (isWorthLogging(waits)) {
            log.warn(
                    "Audit: queue full ({} events), a request waits up to {} ms for the writer; {} waits since start",
                    queue.size(),
                    enqueueTimeout.toMillis(),
                    waits);
        }
        try {
            if (queue.offer(event, enqueueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long lost = dropped.incrementAndGet();
        if (isWorthLogging(lost)) {
            log.warn(
                    "Audit: queue still full after {} ms, AuditEvent dropped; {} dropped since start",
                    enqueueTimeout.toMillis(),
                    lost);
        }
    }

    /** The first occurrence and then every hundredth: a count that keeps rising without flooding the log. */
    private static boolean isWorthLogging(long count) {
        return count == 1 || count % 100 == 0;
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        while (running) {
            try {
                AuditEvent first = queue.poll(flushNanos, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue; // idle: look at running again
                }
                batch.add(first);
                // Let the batch fill for at most one flush interval after its first event.
                long deadline = System.nanoTime() + flushNanos;
                while (batch.size() < batchSize) {
                    queue.drainTo(batch, batchSize - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= batchSize || left <= 0) {
                        break;
                    }
                    AuditEvent next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                writer.write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                writer.write(batch);
                return;
            } catch (RuntimeException e) {
                log.error(
                        "Audit: writing a batch of {} failed ({})",
                        batch.size(),
                        e.getClass().getSimpleName());
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes whatever is still queued, on the calling thread. */
    void flush() {
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        while (queue.drainTo(batch, batchSize) > 0) {
            writer.write(batch);
            batch.clear();
        }
    }

    int pending() {
        return queue.size();
    }

    long dropped() {
        return dropped.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::drainLoop, "audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Lets the writer finish its batch (it is not interrupted: an interrupted JDBC call can fail a batch that would
     * have been stored), then writes what is left. Events arriving later are written synchronously by
     * {@link #enqueue}.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        try {
            thread.join(Duration.ofSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
        log.info("Audit: queue flushed at shutdown ({} dropped since start)", dropped.get());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
