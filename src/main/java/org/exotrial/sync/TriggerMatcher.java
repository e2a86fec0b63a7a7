package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Which topics a write is an event of: a trigger of the resource's type and the write's interaction whose FHIRPath
 * criteria, if any, hold, with {@code %current} and {@code %previous} as HAPI's own trigger matcher binds them
 * (%previous empty on a create). Evaluated in memory, in the writing thread: no query for writes no topic is about.
 */
final class TriggerMatcher {

    private final FhirContext fhir;
    private final List<TopicTrigger> triggers;

    TriggerMatcher(FhirContext fhir, List<TopicTrigger> triggers) {
        this.fhir = fhir;
        this.triggers = List.copyOf(triggers);
    }

    /**
     * The canonical URLs of the topics whose triggers match.
     *
     * @param interaction {@code create}, {@code update} or {@code delete}
     * @param previous the resource before the write, or null (a create)
     * @param current the resource as written, or for a delete as it was
     */
    Set<String> topics(String interaction, IBaseResource previous, IBaseResource current) {
        Set<String> topics = new TreeSet<>();
        for (TopicTrigger trigger : triggers) {
            if (trigger.resource().equals(current.fhirType())
                    && trigger.interactions().contains(interaction)
                    && !topics.contains(trigger.topicUrl())
                    && criteriaHold(trigger.fhirPath(), previous, current)) {
                topics.add(trigger.topicUrl());
            }
        }
        return topics;
    }

    private boolean criteriaHold(String expression, IBaseResource previous, IBaseResource current) {
        if (expression == null) {
            return true;
        }
        // A new engine per evaluation: the variables are set on the engine, and writes run concurrently.
        IFhirPath engine = fhir.newFhirPath();
        engine.setEvaluationContext(new IFhirPathEvaluationContext() {
            @Override
            public List<IBase> resolveConstant(Object appContext, String name, ConstantEvaluationMode mode) {
                return switch (name.startsWith("%") ? name.substring(1) : name) {
                    case "current" -> List.of(current);
                    case "previous" -> previous == null ? List.of() : List.of(previous);
                    default -> null;
                };
            }
        });
        List<IBase> result = engine.evaluate(current, expression, IBase.class);
        return result.size() == 1
                && result.get(0) instanceof IPrimitiveType<?> value
                && Boolean.TRUE.equals(value.getValue());
    }
}
