package org.exotrial.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/** Reads by id from concurrent clients for a fixed time: throughput and latency under load. */
final class ReadLoad {

    record Result(int clients, int requests, double seconds, Latencies latencies) {
        double requestsPerSecond() {
            return requests / seconds;
        }
    }

    private ReadLoad() {}

    static Result run(Api api, List<String> ids, int clients, double warmUpSeconds, double seconds) throws Exception {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("nothing to read");
        }
        List<String> pool = List.copyOf(ids);
        long warmUpEnd = System.nanoTime() + (long) (warmUpSeconds * 1e9);
        long end = warmUpEnd + (long) (seconds * 1e9);
        List<Long> samples = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(threads.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        api.get(pool.get(ThreadLocalRandom.current().nextInt(pool.size())));
                        long done = System.nanoTime();
                        if (now >= warmUpEnd) {
                            mine.add(done - now);
                        }
                    }
                    samples.addAll(mine);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return new Result(clients, samples.size(), seconds, Latencies.of(samples));
    }
}
