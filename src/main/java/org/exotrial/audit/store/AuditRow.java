package org.exotrial.audit.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * What the trail's table stores beside an event's JSON: the values of each supported search parameter, as text arrays
 * that PostgreSQL matches with {@code &&} (any element in common). The column names are the parameter names with
 * {@code _} for {@code -}; {@link AuditSearch} writes the matching criteria, so a value stored here and a value searched
 * there must be spelled the same way:
 *
 * <ul>
 *   <li>tokens as {@code code}, and also {@code system|code} (or {@code |code} for a coding without a system), so
 *       {@code code}, {@code system|code} and {@code |code} searches all work as FHIR defines them;
 *   <li>references as {@code Type/id}, without version or base URL;
 *   <li>strings as they are, matched exactly or by a case-insensitive prefix.
 * </ul>
 */
record AuditRow(
        Instant recorded,
        List<String> type,
        List<String> subtype,
        List<String> action,
        List<String> outcome,
        List<String> altid,
        List<String> agentName,
        List<String> agentRole,
        List<String> entity,
        List<String> entityName,
        List<String> entityType,
        List<String> entityRole,
        List<String> patient) {

    static final String ACTION_SYSTEM = "http://hl7.org/fhir/audit-event-action";
    static final String OUTCOME_SYSTEM = "http://hl7.org/fhir/audit-event-outcome";

    /** The array columns, in the order of the record's components after {@code recorded}. */
    static final List<String> ARRAY_COLUMNS = List.of(
            "type",
            "subtype",
            "action",
            "outcome",
            "altid",
            "agent_name",
            "agent_role",
            "entity",
            "entity_name",
            "entity_type",
            "entity_role",
            "patient");

    static AuditRow of(AuditEvent event) {
        List<AuditEventAgentComponent> agents = event.getAgent();
        List<AuditEventEntityComponent> entities = event.getEntity();
        List<Reference> whats =
                entities.stream().map(AuditEventEntityComponent::getWhat).toList();
        List<Reference> whos =
                agents.stream().map(AuditEventAgentComponent::getWho).toList();
        Set<String> patients = new LinkedHashSet<>();
        references(whats).stream().filter(r -> r.startsWith("Patient/")).forEach(patients::add);
        references(whos).stream().filter(r -> r.startsWith("Patient/")).forEach(patients::add);
        return new AuditRow(
                event.getRecorded().toInstant(),
                tokens(List.of(event.getType())),
                tokens(event.getSubtype()),
                event.hasAction() ? token(ACTION_SYSTEM, event.getAction().toCode()) : List.of(),
                event.hasOutcome() ? token(OUTCOME_SYSTEM, event.getOutcome().toCode()) : List.of(),
                strings(agents, a -> a.hasAltId() ? a.getAltId() : null),
                strings(agents, a -> a.hasName() ? a.getName() : null),
                tokens(agents.stream()
                        .flatMap(a -> a.getRole().stream())
                        .flatMap(c -> c.getCoding().stream())
                        .toList()),
                references(whats),
                strings(entities, e -> e.hasName() ? e.getName() : null),
                tokens(entities.stream().map(AuditEventEntityComponent::getType).toList()),
                tokens(entities.stream().map(AuditEventEntityComponent::getRole).toList()),
                List.copyOf(patients));
    }

    /** The arrays in {@link #ARRAY_COLUMNS} order. */
    List<List<String>> arrays() {
        return List.of(
                type,
                subtype,
                action,
                outcome,
                altid,
                agentName,
                agentRole,
                entity,
                entityName,
                entityType,
                entityRole,
                patient);
    }

    /** A token as stored: both the bare code and the code with its system. */
    static List<String> token(String system, String code) {
        return List.of(code, (system == null ? "" : system) + "|" + code);
    }

    private static List<String> tokens(List<Coding> codings) {
        Set<String> values = new LinkedHashSet<>();
        for (Coding coding : codings) {
            if (coding != null && coding.hasCode()) {
                values.addAll(token(coding.getSystem(), coding.getCode()));
            }
        }
        return List.copyOf(values);
    }

    private static <T> List<String> strings(List<T> elements, Function<T, String> value) {
        Set<String> values = new LinkedHashSet<>();
        for (T element : elements) {
            String v = value.apply(element);
            if (v != null && !v.isBlank()) {
                values.add(v);
            }
        }
        return List.copyOf(values);
    }

    private static List<String> references(List<Reference> references) {
        List<String> values = new ArrayList<>();
        for (Reference reference : references) {
            String normalized = normalized(reference.getReference());
            if (normalized != null && !values.contains(normalized)) {
                values.add(normalized);
            }
        }
        return values;
    }

    /** {@code Type/id} of a literal reference; null for contained, conditional or type-less references. */
    static String normalized(String reference) {
        if (reference == null || reference.startsWith("#") || reference.contains("?")) {
            return null;
        }
        IdType id = new IdType(reference);
        return id.hasResourceType() && id.hasIdPart() ? id.getResourceType() + "/" + id.getIdPart() : null;
    }
}
