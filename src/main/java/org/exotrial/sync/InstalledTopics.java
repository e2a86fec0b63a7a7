package org.exotrial.sync;

import java.util.List;
import java.util.Set;

/**
 * The subscription topics the server stored at startup ({@link TopicInstaller}): their canonical URLs, the topics a
 * subscription may name, and their triggers, which decide which writes are their events.
 */
record InstalledTopics(Set<String> urls, List<TopicTrigger> triggers) {

    InstalledTopics {
        urls = Set.copyOf(urls);
        triggers = List.copyOf(triggers);
    }
}
