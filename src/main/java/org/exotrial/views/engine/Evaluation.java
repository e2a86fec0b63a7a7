package org.exotrial.views.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Resource;

/** One resource going through a view: evaluates the compiled expressions against it and turns results into cells. */
final class Evaluation {

    private final FHIRPathEngine engine;
    private final Resource resource;
    private final Map<ExpressionNode, String[]> shortcuts;

    Evaluation(FHIRPathEngine engine, Resource resource, Map<ExpressionNode, String[]> shortcuts) {
        this.engine = engine;
        this.resource = resource;
        this.shortcuts = shortcuts;
    }

    List<Base> evaluate(Base focus, ExpressionNode expression, Scope scope, String what) {
        String[] members = shortcuts.get(expression);
        if (members != null) {
            return children(focus, members);
        }
        try {
            return engine.evaluate(scope, resource, resource, focus, expression);
        } catch (FHIRException | IllegalArgumentException | UnsupportedOperationException e) {
            throw new ViewEvaluationException(
                    what + " '" + expression + "' failed on " + key() + ": " + e.getMessage(), e);
        }
    }

    /** A path of element names, walked as the engine walks each name (listChildrenByName, nulls dropped). */
    private static List<Base> children(Base focus, String[] members) {
        List<Base> current = new ArrayList<>(1);
        if (focus != null) {
            current.add(focus);
        }
        for (String name : members) {
            List<Base> next = new ArrayList<>(current.size());
            for (Base item : current) {
                Base[] children = item.listChildrenByName(name, false);
                if (children != null) {
                    for (Base child : children) {
                        if (child != null) {
                            next.add(child);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    boolean test(ExpressionNode expression, String path, Scope scope) {
        List<Base> result = evaluate(resource, expression, scope, "where");
        if (result.isEmpty()) {
            return false;
        }
        if (result.size() > 1 || !(result.get(0) instanceof BooleanType b)) {
            throw new ViewEvaluationException(
                    "where path '" + path + "' must yield a boolean, yields " + describe(result) + " on " + key());
        }
        return Boolean.TRUE.equals(b.getValue());
    }

    Object cell(Base focus, SelectNode.Column column, Scope scope) {
        List<Base> result = evaluate(focus, column.expression(), scope, "column " + column.name());
        if (column.collection()) {
            List<Object> values = new ArrayList<>(result.size());
            for (Base b : result) {
                values.add(value(b, column));
            }
            return values;
        }
        if (result.isEmpty()) {
            return null;
        }
        if (result.size() > 1) {
            throw new ViewEvaluationException("column " + column.name() + " ('" + column.path() + "') yields "
                    + result.size() + " values on " + key() + ": declare it \"collection\": true or narrow its path");
        }
        return value(result.get(0), column);
    }

    private Object value(Base b, SelectNode.Column column) {
        if (b instanceof BooleanType bool) {
            return bool.getValue();
        }
        if (b instanceof IntegerType integer) {
            return integer.getValue();
        }
        if (b instanceof DecimalType decimal) {
            return decimal.getValue();
        }
        if (b instanceof PrimitiveType<?> primitive) {
            return primitive.getValueAsString();
        }
        if (b.isPrimitive()) {
            return b.primitiveValue();
        }
        throw new ViewEvaluationException("column " + column.name() + " ('" + column.path() + "') yields a "
                + b.fhirType() + " on " + key() + ", not a primitive value");
    }

    private static String describe(List<Base> result) {
        return result.size() == 1 ? "a " + result.get(0).fhirType() : result.size() + " values";
    }

    private String key() {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
