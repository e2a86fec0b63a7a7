package org.exotrial.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.junit.jupiter.api.Test;

class AuditEventQueueTest {

    /** Records batches instead of writing them; can be held to simulate a slow database. */
    static final class RecordingWriter extends AuditEventWriter {
        final List<List<AuditEvent>> batches = new CopyOnWriteArrayList<>();
        final CountDownLatch release;

        RecordingWriter(CountDownLatch release) {
            super(null);
            this.release = release;
        }

        @Override
        void write(List<AuditEvent> events) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(List.copyOf(events));
        }

        int written() {
            return batches.stream().mapToInt(List::size).sum();
        }
    }

    private static AuditProperties properties(int batchSize, int capacity, Duration flush, Duration enqueueTimeout) {
        return new AuditProperties(true, batchSize, flush, capacity, enqueueTimeout);
    }

    private static AuditEvent read() {
        return new AuditEvent().setAction(AuditEventAction.R).setOutcome(AuditEventOutcome._0);
    }

    @Test
    void eventsAreWrittenInBatchesAndAllFlushedOnStop() {
        var writer = new RecordingWriter(new CountDownLatch(0));
        var queue = new AuditEventQueue(properties(10, 1000, Duration.ofSeconds(5), Duration.ofSeconds(1)), writer);
        queue.start();
        for (int i = 0; i < 25; i++) {
            queue.recordAuditEvent(read());
        }
        queue.stop();

        assertThat(writer.written()).isEqualTo(25);
        assertThat(writer.batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(10));
        assertThat(queue.pending()).isZero();
    }

    @Test
    void aLoneEventIsWrittenWithinTheFlushInterval() throws Exception {
        var writer = new RecordingWriter(new CountDownLatch(0));
        var queue = new AuditEventQueue(properties(100, 1000, Duration.ofMillis(100), Duration.ofSeconds(1)), writer);
        queue.start();
        try {
            queue.recordAuditEvent(read());
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (writer.written() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(writer.written()).isEqualTo(1);
        } finally {
            queue.stop();
        }
    }

    @Test
    void aFullQueueMakesTheCallerWaitThenDropsAndCounts() {
        var release = new CountDownLatch(1);
        var writer = new RecordingWriter(release);
        var queue = new AuditEventQueue(properties(1, 1, Duration.ofMillis(1), Duration.ofMillis(200)), writer);
        queue.start();
        try {
            queue.recordAuditEvent(read()); // taken by the writer, which is held
            waitUntil(() -> queue.pending() == 0);
            queue.recordAuditEvent(read()); // fills the queue
            long start = System.nanoTime();
            queue.recordAuditEvent(read()); // no room: waits, then is dropped
            long waitedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(waitedMs).isGreaterThanOrEqualTo(150);
            assertThat(queue.dropped()).isEqualTo(1);
        } finally {
            release.countDown();
            queue.stop();
        }
        assertThat(writer.written()).isEqualTo(2);
    }

    @Test
    void aReadShownDuringARequestWaitsForItsAnswer() {
        var writer = new RecordingWriter(new CountDownLatch(0));
        var queue = new AuditEventQueue(properties(10, 10, Duration.ofMillis(10), Duration.ofSeconds(1)), writer);
        var answered = new ca.uhn.fhir.rest.server.servlet.ServletRequestDetails();
        var refused = new ca.uhn.fhir.rest.server.servlet.ServletRequestDetails();

        HeldUntilAnswered.whileShowing(answered, () -> queue.recordAuditEvent(read()));
        HeldUntilAnswered.whileShowing(refused, () -> queue.recordAuditEvent(read()));
        assertThat(writer.written()).isZero();

        HeldUntilAnswered.release(answered).forEach(queue::enqueue); // what RequestAudit does on success
        HeldUntilAnswered.release(refused); // and on failure
        assertThat(writer.written()).isEqualTo(1);
    }

    @Test
    void searchValuesAreRedactedBeforeQueueing() {
        var writer = new RecordingWriter(new CountDownLatch(0));
        var queue = new AuditEventQueue(properties(10, 10, Duration.ofMillis(10), Duration.ofSeconds(1)), writer);
        AuditEvent query = read().setAction(AuditEventAction.E);
        AuditEventEntityComponent entity = query.addEntity();
        entity.setQuery("http://h/fhir/Patient?name=Smith&birthdate=1970-01-01".getBytes());
        entity.setDescription("GET http://h/fhir/Patient?name=Smith&birthdate=1970-01-01");

        queue.recordAuditEvent(query); // not started: written on the caller's thread

        AuditEventEntityComponent written = writer.batches.get(0).get(0).getEntityFirstRep();
        assertThat(new String(written.getQuery())).isEqualTo("http://h/fhir/Patient?name=*&birthdate=*");
        assertThat(written.getDescription()).isEqualTo("GET http://h/fhir/Patient?name=*&birthdate=*");
    }

    @Test
    void aDeleteNamesItsTargetInsteadOfReferencingIt() {
        AuditEvent delete = new AuditEvent().setAction(AuditEventAction.D);
        delete.addEntity()
                .setWhat(new org.hl7.fhir.r4.model.Reference("Patient/7/_history/3"))
                .getRole()
                .setCode("4");
        delete.addEntity()
                .setWhat(new org.hl7.fhir.r4.model.Reference("Patient/7/_history/3"))
                .getRole()
                .setCode("1");
        delete.addEntity().setWhat(new org.hl7.fhir.r4.model.Reference("Patient/8"));

        AuditReferences.nameDeletedTarget(delete);

        assertThat(delete.getEntity().get(0).getName()).isEqualTo("Patient/7");
        assertThat(delete.getEntity().get(0).getWhat().getDisplay()).isEqualTo("Patient/7/_history/3");
        assertThat(delete.getEntity().get(1).getWhat().hasReference()).isFalse();
        assertThat(delete.getEntity().get(2).getWhat().getReference()).isEqualTo("Patient/8");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
