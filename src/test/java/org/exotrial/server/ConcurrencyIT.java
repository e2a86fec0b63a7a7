package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ConcurrencyIT extends ServerIT {

    private static final int SENDERS = 16;

    @Test
    void parallelIdenticalConditionalCreatesProduceExactlyOneResource() throws Exception {
        String mrn = unique("race");
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN).setValue(mrn);
        String body = FHIR.newJsonParser().encodeResourceToString(patient);

        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(SENDERS);
        try {
            for (int i = 0; i < SENDERS; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return send(request("/Patient")
                            .header("Content-Type", "application/fhir+json")
                            .header("If-None-Exist", "identifier=" + MRN + "|" + mrn)
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> result : results) {
                // Every sender is told the outcome: created (201) or already there (200).
                assertThat(result.get().statusCode()).isIn(200, 201);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(patientsWithMrn(mrn)).hasSize(1);
    }
}
