package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * HAPI's MLLP server on {@code exotrial.hl7v2.mllp.port}. Started after the FHIR layer is up and stopped before it goes
 * down (Spring's lifecycle), so no message is accepted that cannot be stored. A port that is taken fails startup.
 */
final class MllpListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MllpListener.class);

    private final HapiContext context;
    private final V2Ingest ingest;
    private final int port;
    private HL7Service server;

    MllpListener(HapiContext context, V2Ingest ingest, int port) {
        this.context = context;
        this.ingest = ingest;
        this.port = port;
    }

    @Override
    public synchronized void start() {
        server = context.newServer(port, false);
        server.registerApplication("*", "*", ingest);
        server.setExceptionHandler(new MalformedMessageAnswer(context.getPipeParser()));
        try {
            server.startAndWait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the MLLP listener", e);
        }
        if (server.getServiceExitedWithException() != null) {
            throw new IllegalStateException(
                    "MLLP listener could not start on port " + port + " (exotrial.hl7v2.mllp.port)",
                    server.getServiceExitedWithException());
        }
        log.info("HL7 v2 MLLP listener on port {}", port);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stopAndWait();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }
}
