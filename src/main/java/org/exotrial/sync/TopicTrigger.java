package org.exotrial.sync;

import java.util.Set;

/**
 * One resource trigger of a topic: writes of {@code resource} with one of {@code interactions} ({@code create},
 * {@code update}, {@code delete}), and, if {@code fhirPath} is not null, only those for which it is true, evaluated
 * with {@code %current} (the resource as written) and {@code %previous} (as it was; empty on a create).
 */
record TopicTrigger(String topicUrl, String resource, Set<String> interactions, String fhirPath) {

    TopicTrigger {
        interactions = Set.copyOf(interactions);
    }
}
