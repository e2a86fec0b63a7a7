package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.exotrial.audit.DeliveryAudit;
import org.exotrial.sync.DeliveryStore.Claim;
import org.exotrial.sync.SyncStore.SyncEvent;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the subscriptions' notifications (docs/sync.md, "How it works"). One loop thread claims due cursors
 * (leased in the database, so several server processes share the work and never send one subscription's events at
 * the same time) and hands each to a small pool of senders; a sender posts one notification outside any transaction
 * and acknowledges it under its lease. The loop runs every {@code interval}, and at once when a commit recorded events
 * on this node or a delivery left more to send.
 *
 * <p>Per subscription: a handshake first, then events in number order, at most max-count per notification, the next
 * ones only after the receiver acknowledged the previous; heartbeats when idle. A failure backs off
 * ({@link RetryPolicy}); past the retry window the subscription's status is {@code error}. At-least-once: a lost
 * acknowledgement sends the same events again, receivers de-duplicate by event number.
 */
final class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    /** This process, as the owner of its leases: a new one at every start, so a restarted node claims afresh. */
    private final String node = UUID.randomUUID().toString();

    private final DeliveryStore store;
    private final SyncStore events;
    private final NotificationBuilder notifications;
    private final RestHookSender sender;
    private final RetryPolicy retry;
    private final SubscriptionResources resources;
    private final DeliveryAudit audit;
    private final DeliveryProperties properties;
    private final FhirContext fhir;

    private final Semaphore wake = new Semaphore(0);
    private final Semaphore slots;
    private ExecutorService senders;
    private ScheduledExecutorService housekeeping;
    private Thread loop;
    private volatile boolean running;

    DeliveryWorker(
            DeliveryStore store,
            SyncStore events,
            NotificationBuilder notifications,
            RestHookSender sender,
            RetryPolicy retry,
            SubscriptionResources resources,
            DeliveryAudit audit,
            DeliveryProperties properties,
            FhirContext fhir) {
        this.store = store;
        this.events = events;
        this.notifications = notifications;
        this.sender = sender;
        this.retry = retry;
        this.resources = resources;
        this.audit = audit;
        this.properties = properties;
        this.fhir = fhir;
        this.slots = new Semaphore(properties.threads());
    }

    /** Starts the loop and the daily retention job; called once the server is ready. */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        AtomicInteger count = new AtomicInteger();
        senders = Executors.newFixedThreadPool(
                properties.threads(), r -> daemon(r, "sync-send-" + count.incrementAndGet()));
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sync-retention"));
        housekeeping.scheduleWithFixedDelay(this::retain, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
        loop = daemon(this::run, "sync-delivery");
        loop.start();
        log.info(
                "Sync: delivery started (node {}, every {} ms, {} senders)",
                node,
                properties.interval().toMillis(),
                properties.threads());
    }

    /**
     * Stops claiming and waits a little for notifications in flight; one still unanswered is abandoned with its
     * lease, which another node (or this one after a restart) takes over once it expires.
     */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        housekeeping.shutdownNow();
        senders.shutdown();
        try {
            loop.join(5_000);
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Looks for due work now rather than at the next interval (a commit recorded events). */
    void wake() {
        wake.release();
    }

    private void run() {
        while (running) {
            try {
                int free = slots.availablePermits();
                if (free > 0) {
                    for (Claim claim : store.claim(node, properties.lease(), free)) {
                        slots.acquireUninterruptibly();
                        senders.execute(() -> {
                            try {
                                if (deliver(claim)) {
                                    wake();
                                }
                            } catch (RuntimeException e) {
                                log.error("Sync: delivery to subscription {} failed", claim.subscriptionId(), e);
                            } finally {
                                slots.release();
                            }
                        });
                    }
                }
                if (wake.tryAcquire(properties.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database is away, or a bug: log and try again after an interval, never end the loop.
                log.warn("Sync: could not claim deliveries: {}", e.toString());
                sleep(properties.interval());
            }
        }
    }

    /**
     * Sends the subscription's next notification and records the outcome. Returns whether there is more to send at
     * once (a delivery that succeeded with events left, or a handshake).
     */
    boolean deliver(Claim claim) {
        String type;
        List<SyncEvent> batch = List.of();
        long through = claim.deliveredThrough();
        if (claim.needsHandshake()) {
            type = "handshake";
        } else if (claim.lastEventNumber() > claim.deliveredThrough()) {
            int max = claim.maxCount() == null ? properties.maxCount() : claim.maxCount();
            batch = events.eventsSince(claim.subscriptionId(), claim.deliveredThrough(), max);
            type = batch.isEmpty() ? "heartbeat" : "event-notification";
            if (!batch.isEmpty()) {
                through = batch.get(batch.size() - 1).number();
            }
        } else {
            type = "heartbeat";
        }
        RestHookSender.Outcome outcome;
        try {
            // Versions kept: a focus names the version its event is about.
            String body = fhir.newJsonParser()
                    .setStripVersionsFromReferences(false)
                    .encodeResourceToString(notifications.notification(claim, type, batch));
            outcome = sender.send(claim.endpoint(), claim.headers(), timeout(claim), body);
        } catch (RuntimeException e) {
            log.warn("Sync: could not build the {} of subscription {}", type, claim.subscriptionId(), e);
            outcome = new RestHookSender.Outcome(0, "notification not built: " + e.getMessage());
        }
        if (audit != null) {
            audit.attempted(
                    claim.ownerClientId(),
                    "Subscription/" + claim.subscriptionId(),
                    type,
                    outcome.status(),
                    outcome.error());
        }
        return outcome.delivered() ? delivered(claim, type, through) : failed(claim, outcome.error());
    }

    private boolean delivered(Claim claim, String type, long through) {
        boolean handshake = "handshake".equals(type);
        if (!store.delivered(claim, node, through, handshake)) {
            log.info(
                    "Sync: lease on subscription {} lost while sending; another node delivers", claim.subscriptionId());
            return false;
        }
        if (handshake && store.changeStatus(claim.subscriptionId(), "requested", "active")) {
            resources.setStatus(claim.subscriptionId(), SubscriptionStatus.ACTIVE, null);
        }
        return handshake
                || through < claim.lastEventNumber()
                || store.state(claim.subscriptionId())
                        .map(now -> now.lastEventNumber() > now.deliveredThrough())
                        .orElse(false);
    }

    private boolean failed(Claim claim, String error) {
        Duration retryIn = retry.delay(claim.attempts() + 1);
        Optional<Instant> firstFailure = store.failed(claim, node, error, retryIn);
        if (firstFailure.isPresent() && retry.givenUp(firstFailure.get(), Instant.now())) {
            String reason = "Delivery to " + claim.endpoint() + " failing since " + firstFailure.get()
                    + " (retry window exceeded); last attempt: " + error;
            if (store.changeStatus(claim.subscriptionId(), claim.status(), "error")) {
                log.warn("Sync: subscription {} in error: {}", claim.subscriptionId(), reason);
                resources.setStatus(claim.subscriptionId(), SubscriptionStatus.ERROR, reason);
            }
        }
        return false;
    }

    /** The receiver's timeout, kept well inside the lease so that no other node takes over while one still waits. */
    private Duration timeout(Claim claim) {
        Duration wanted =
                claim.timeoutSeconds() == null ? properties.timeout() : Duration.ofSeconds(claim.timeoutSeconds());
        Duration ceiling = properties.lease().dividedBy(2);
        return wanted.compareTo(ceiling) > 0 ? ceiling : wanted;
    }

    private void retain() {
        try {
            int deleted = store.deleteDeliveredBefore(Instant.now().minus(properties.retention()));
            if (deleted > 0) {
                log.info("Sync: deleted {} events delivered more than {} ago", deleted, properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Sync: event retention failed: {}", e.toString());
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
