package org.exotrial.ingest.hl7v2;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import java.util.concurrent.Executors;

/** MLLP client contexts for tests: each with its own connection hub and its own thread pool. */
public final class V2Clients {

    private V2Clients() {}

    /** A context whose close() shuts down only its own pool (HAPI's default pool is static and shared). */
    public static HapiContext newContext() {
        HapiContext context = new DefaultHapiContext();
        context.setExecutorService(Executors.newCachedThreadPool());
        context.getParserConfiguration().setIdGenerator(new ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator());
        return context;
    }
}
