package org.exotrial.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The subscription topics the server stored at startup ({@link TopicInstaller}): their canonical URLs, the topics a
 * subscription may name; their triggers, which decide which writes are their events; and the filters each topic
 * declares ({@code canFilterBy}), the only ones a subscription may use.
 */
record InstalledTopics(Set<String> urls, List<TopicTrigger> triggers, List<TopicFilter> canFilterBy) {

    InstalledTopics {
        urls = Set.copyOf(urls);
        triggers = List.copyOf(triggers);
        canFilterBy = List.copyOf(canFilterBy);
    }

    /** The resource types the topic's triggers are about, sorted: what its notifications point at. */
    Set<String> resourceTypes(String topicUrl) {
        Set<String> types = new TreeSet<>();
        triggers.stream().filter(t -> t.topicUrl().equals(topicUrl)).forEach(t -> types.add(t.resource()));
        return types;
    }

    /** The topic's filter parameters by resource type, sorted. */
    Map<String, Set<String>> filterParameters(String topicUrl) {
        Map<String, Set<String>> byType = new TreeMap<>();
        canFilterBy.stream().filter(f -> f.topicUrl().equals(topicUrl)).forEach(f -> byType.computeIfAbsent(
                        f.resource(), t -> new TreeSet<>())
                .add(f.parameter()));
        return byType;
    }

    /** One {@code canFilterBy} of a topic: subscriptions may filter its {@code resource} by search parameter. */
    record TopicFilter(String topicUrl, String resource, String parameter) {}
}
