package org.exotrial.ingest.hl7v2;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Messages about one patient are processed one at a time in this server, so a message resent on several connections
 * at once is stored by the first and acknowledged as a duplicate by the others (instead of racing in the database).
 * Striped: a fixed number of locks, so memory does not grow with the number of patients.
 */
final class PatientLocks {

    private final Lock[] stripes = new Lock[64];

    PatientLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    Lock forKey(String key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }
}
