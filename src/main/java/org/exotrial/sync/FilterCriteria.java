package org.exotrial.sync;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One backport filter criterion ({@code backport-filter-criteria}): {@code Type?param=value}, or {@code param=value}
 * for that parameter on every resource type of the topic. One parameter, no modifier, one value or several separated
 * by commas (ORed), as a topic's {@code canFilterBy} offers them: delivery applies filters itself, per type, and
 * supports no more than that.
 *
 * @param type the resource type, or null for every type of the topic
 */
record FilterCriteria(String type, String parameter, List<String> values) {

    /**
     * The guide's parameters that select a study, one per type ({@code study} on ResearchSubject, {@code trial-study}
     * on the study's clinical data): the untyped {@code study=} means whichever of them each type has.
     */
    static final Set<String> STUDY_PARAMETERS = Set.of("study", "trial-study");

    static final String UNTYPED_STUDY = "study";

    private static final Pattern SYNTAX = Pattern.compile("(?:([A-Z][A-Za-z]*)\\?)?([A-Za-z0-9_\\-]+)(:[^=]*)?=(.*)");

    FilterCriteria {
        values = List.copyOf(values);
    }

    /**
     * Reads a criterion.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    static FilterCriteria parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "The filter '" + text + "' is not of the form Type?parameter=value or parameter=value.");
        }
        if (m.group(3) != null) {
            throw new IllegalArgumentException(
                    "The filter '" + text + "' uses the modifier '" + m.group(3) + "': filters take no modifiers.");
        }
        String value = m.group(4);
        if (value.contains("&")) {
            throw new IllegalArgumentException("The filter '" + text + "' has more than one parameter: give each"
                    + " parameter its own backport-filter-criteria extension.");
        }
        List<String> values = List.of(value.split(",", -1));
        if (values.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("The filter '" + text + "' has an empty value.");
        }
        return new FilterCriteria(m.group(1), m.group(2), values);
    }

    /**
     * Refuses a criterion the topic does not offer: its type and parameter must be one of the topic's
     * {@code canFilterBy}; an untyped one must be offered for every type the topic is about.
     *
     * @param types the resource types of the topic's triggers
     * @param canFilterBy the topic's filter parameters by type
     * @throws IllegalArgumentException naming the criterion and what the topic offers
     */
    void checkAgainst(String topicUrl, Set<String> types, Map<String, Set<String>> canFilterBy) {
        if (type != null) {
            if (!canFilterBy.getOrDefault(type, Set.of()).contains(parameter)) {
                throw new IllegalArgumentException("The topic " + topicUrl + " cannot filter " + type + " by '"
                        + parameter + "'. It can filter by: " + offered(canFilterBy) + ".");
            }
            return;
        }
        for (String t : new TreeSet<>(types)) {
            Set<String> parameters = canFilterBy.getOrDefault(t, Set.of());
            boolean study =
                    UNTYPED_STUDY.equals(parameter) && parameters.stream().anyMatch(STUDY_PARAMETERS::contains);
            if (!study && !parameters.contains(parameter)) {
                throw new IllegalArgumentException("The topic " + topicUrl + " cannot filter " + t + " by '"
                        + parameter + "', which a filter without a type would apply to. It can filter by: "
                        + offered(canFilterBy) + ".");
            }
        }
    }

    private static String offered(Map<String, Set<String>> canFilterBy) {
        if (canFilterBy.isEmpty()) {
            return "nothing";
        }
        StringBuilder text = new StringBuilder();
        canFilterBy.forEach((type, parameters) -> parameters.forEach(p -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(type).append('?').append(p).append("=<value>");
        }));
        return text.toString();
    }
}
