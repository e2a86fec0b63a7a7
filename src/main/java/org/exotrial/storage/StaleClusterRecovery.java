package org.exotrial.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a cluster startable again after the server died without stopping PostgreSQL (kill -9, OOM killer, power).
 *
 * <p>The embedded PostgreSQL runs as its own process, so a killed JVM can leave a postmaster running on our data
 * directory, and {@code pg_ctl start} then refuses to start. A postmaster that is still alive gets a fast shutdown
 * (SIGINT: it aborts open transactions and checkpoints, committed data is kept); a lock file whose process is gone is
 * removed. PostgreSQL's WAL replay on the next start restores everything that was committed.
 */
final class StaleClusterRecovery {

    private static final Logger log = LoggerFactory.getLogger(StaleClusterRecovery.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final Path dataDir;

    StaleClusterRecovery(Path dataDir) {
        this.dataDir = dataDir;
    }

    void recover() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of);
        if (postmaster.isPresent() && isPostgres(postmaster.get())) {
            stop(postmaster.get());
        }
        if (Files.deleteIfExists(pidFile)) {
            log.warn("Removed a stale postmaster.pid left by an unclean shutdown; PostgreSQL will replay its WAL");
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(pidFile)) {
            return lines.findFirst()
                    .map(String::trim)
                    .filter(l -> l.matches("\\d+"))
                    .map(Long::valueOf);
        }
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
    }

    private static void stop(ProcessHandle postmaster) throws IOException {
        log.warn("A PostgreSQL left running by a previous server (pid {}) is being shut down", postmaster.pid());
        signal(postmaster, "INT");
        Instant deadline = Instant.now().plus(SHUTDOWN_WAIT);
        while (postmaster.isAlive() && Instant.now().isBefore(deadline)) {
            sleep();
        }
        if (postmaster.isAlive()) {
            // Immediate shutdown: like a crash, but WAL replay still recovers every committed transaction.
            signal(postmaster, "QUIT");
            while (postmaster.isAlive()) {
                sleep();
            }
        }
    }

    private static void signal(ProcessHandle process, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while signalling PostgreSQL", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
