package org.exotrial.sync;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import ca.uhn.fhir.fhirpath.IFhirPathEvaluationContext;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;

/**
 * Which topics a write is an event of: a trigger of the resource's type and the write's interaction whose FHIRPath
 * criteria, if any, hold, with {@code %current} and {@code %previous} as HAPI's own trigger matcher binds them
 * (%previous empty on a create). Evaluated in memory, in the writing thread. {@link #candidates} first, without
 * FHIRPath: a write of a type no topic is about costs nothing, and criteria are evaluated only for subscribed topics.
 */
final class TriggerMatcher {

    private final List<TopicTrigger> triggers;

    /**
     * One engine per writing thread: the variables are bound on the engine's evaluation context, and writes run
     * concurrently. Creating an engine per evaluation would build HAPI's worker context on every write.
     */
    private final ThreadLocal<Engine> engines;

    TriggerMatcher(FhirContext fhir, List<TopicTrigger> triggers) {
        this.triggers = List.copyOf(triggers);
        this.engines = ThreadLocal.withInitial(() -> new Engine(fhir));
    }

    /** The topics with a trigger for this type and interaction, whatever their criteria. */
    Set<String> candidates(String type, String interaction) {
        Set<String> topics = new TreeSet<>();
        for (TopicTrigger trigger : triggers) {
            if (trigger.resource().equals(type) && trigger.interactions().contains(interaction)) {
                topics.add(trigger.topicUrl());
            }
        }
        return topics;
    }

    /** Every topic whose triggers match; see {@link #topics(String, IBaseResource, IBaseResource, Collection)}. */
    Set<String> topics(String interaction, IBaseResource previous, IBaseResource current) {
        return topics(interaction, previous, current, candidates(current.fhirType(), interaction));
    }

    /**
     * The topics among {@code among} whose triggers match.
     *
     * @param interaction {@code create}, {@code update} or {@code delete}
     * @param previous the resource before the write, or null (a create)
     * @param current the resource as written, or for a delete as it was
     */
    Set<String> topics(String interaction, IBaseResource previous, IBaseResource current, Collection<String> among) {
        Set<String> topics = new TreeSet<>();
        for (TopicTrigger trigger : triggers) {
            if (among.contains(trigger.topicUrl())
                    && !topics.contains(trigger.topicUrl())
                    && trigger.resource().equals(current.fhirType())
                    && trigger.interactions().contains(interaction)
                    && (trigger.fhirPath() == null || engines.get().holds(trigger.fhirPath(), previous, current))) {
                topics.add(trigger.topicUrl());
            }
        }
        return topics;
    }

    /** A FHIRPath engine whose %previous and %current are bound for one evaluation at a time. */
    private static final class Engine implements IFhirPathEvaluationContext {
        private final IFhirPath fhirPath;
        private IBaseResource previous;
        private IBaseResource current;

        Engine(FhirContext fhir) {
            this.fhirPath = fhir.newFhirPath();
            fhirPath.setEvaluationContext(this);
        }

        boolean holds(String expression, IBaseResource previous, IBaseResource current) {
            this.previous = previous;
            this.current = current;
            try {
                List<IBase> result = fhirPath.evaluate(current, expression, IBase.class);
                return result.size() == 1
                        && result.get(0) instanceof IPrimitiveType<?> value
                        && Boolean.TRUE.equals(value.getValue());
            } finally {
                this.previous = null;
                this.current = null;
            }
        }

        @Override
        public List<IBase> resolveConstant(Object appContext, String name, ConstantEvaluationMode mode) {
            return switch (name.startsWith("%") ? name.substring(1) : name) {
                case "current" -> List.of(current);
                case "previous" -> previous == null ? List.of() : List.of(previous);
                default -> null;
            };
        }
    }
}
