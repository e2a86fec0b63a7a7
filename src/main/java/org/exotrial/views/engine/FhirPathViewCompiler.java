package org.exotrial.views.engine;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.hapi.ctx.HapiWorkerContext;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OidType;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.UrlType;
import org.hl7.fhir.r4.model.UuidType;

/**
 * Compiles SQL-on-FHIR v2 ViewDefinitions for R4 resources. FHIRPath is HL7 core's R4 engine ({@link FHIRPathEngine}),
 * extended through {@link ViewHostServices}; this class adds only what a view has beyond FHIRPath: the select tree
 * ({@code forEach}, {@code forEachOrNull}, {@code repeat}, {@code unionAll}, nesting), constants, {@code where} and the
 * checks of the view's shape. Every expression is parsed once, here; rows only evaluate.
 *
 * <p>The R4 FHIRPath engine keeps per-evaluation state in its fields, so each thread evaluates with an engine of its
 * own (they share the worker context and the parsed expressions).
 */
public final class FhirPathViewCompiler implements ViewCompiler {

    /** The specification's column name rule: usable as a column in any database without quoting. */
    private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");

    private static final Map<String, Function<JsonNode, Base>> CONSTANT_TYPES = constantTypes();

    /** An element name: a type name (capital) would be a type filter, {@code $this} and friends are not names. */
    private static final Pattern MEMBER = Pattern.compile("^[a-z][A-Za-z0-9]*$");

    /** The member chains of the view being compiled ({@link #memberChain}), by parsed expression. */
    private final ThreadLocal<Map<ExpressionNode, String[]>> shortcuts = new ThreadLocal<>();

    private final ObjectMapper json = new ObjectMapper();
    private final Set<String> resourceTypes;
    private final ThreadLocal<FHIRPathEngine> engines;

    public FhirPathViewCompiler(FhirContext fhirContext) {
        this.resourceTypes = fhirContext.getResourceTypes();
        HapiWorkerContext worker = new HapiWorkerContext(fhirContext, new DefaultProfileValidationSupport(fhirContext));
        this.engines = ThreadLocal.withInitial(() -> {
            FHIRPathEngine engine = new FHIRPathEngine(worker);
            engine.setHostServices(ViewHostServices.INSTANCE);
            return engine;
        });
    }

    @Override
    public CompiledView compile(String viewDefinitionJson) {
        JsonNode view;
        try {
            view = json.readTree(viewDefinitionJson);
        } catch (JsonProcessingException e) {
            throw new InvalidViewException("The view is not JSON: " + e.getOriginalMessage(), e);
        }
        return compile(view);
    }

    /** The view, compiled, from its parsed JSON. */
    public CompiledView compile(JsonNode view) {
        shortcuts.set(new IdentityHashMap<>());
        try {
            return compileView(view);
        } finally {
            shortcuts.remove();
        }
    }

    private CompiledView compileView(JsonNode view) {
        if (view == null || !view.isObject()) {
            throw new InvalidViewException("A ViewDefinition is a JSON object");
        }
        JsonNode resource = view.get("resource");
        if (resource == null || !resource.isTextual() || resource.asText().isBlank()) {
            throw new InvalidViewException("The view names no resource type ('resource' is required)");
        }
        String resourceType = resource.asText();
        if (!resourceTypes.contains(resourceType)) {
            throw new InvalidViewException("'resource': " + resourceType + " is not an R4 resource type");
        }
        Map<String, List<Base>> constants = constants(view.get("constant"));
        List<ExpressionNode> where = new ArrayList<>();
        List<String> wherePaths = new ArrayList<>();
        for (JsonNode w : array(view, "where")) {
            String path = text(w, "path", "where");
            wherePaths.add(path);
            where.add(parse(path, "where path"));
        }
        List<SelectNode> selects = new ArrayList<>();
        for (JsonNode s : array(view, "select")) {
            selects.add(select(s));
        }
        if (selects.isEmpty()) {
            throw new InvalidViewException("The view has no 'select'");
        }
        SelectNode top = new SelectNode(List.of(), null, false, List.of(), selects, List.of(), List.of());
        List<ViewColumn> columns = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SelectNode.Column c : top.allColumns()) {
            if (!names.add(c.name())) {
                throw new InvalidViewException("Column name '" + c.name() + "' is used twice: names must be unique");
            }
            columns.add(new ViewColumn(c.name(), c.type(), c.collection()));
        }
        String name = view.hasNonNull("name") ? view.get("name").asText() : null;
        return new FhirPathCompiledView(
                resourceType,
                name,
                columns,
                top,
                top.sources(List.of()),
                shortcuts.get(),
                where,
                wherePaths,
                new Scope(Map.copyOf(constants), 0),
                engines);
    }

    private SelectNode select(JsonNode s) {
        if (!s.isObject()) {
            throw new InvalidViewException("A select is a JSON object, not " + s);
        }
        List<SelectNode.Column> columns = new ArrayList<>();
        for (JsonNode c : array(s, "column")) {
            columns.add(column(c));
        }
        ExpressionNode forEach = null;
        boolean orNull = false;
        if (s.has("forEach") && s.has("forEachOrNull")) {
            throw new InvalidViewException("A select has both 'forEach' and 'forEachOrNull': choose one");
        }
        if (s.has("forEach")) {
            forEach = parse(text(s, "forEach", "select"), "forEach");
        } else if (s.has("forEachOrNull")) {
            forEach = parse(text(s, "forEachOrNull", "select"), "forEachOrNull");
            orNull = true;
        }
        List<ExpressionNode> repeat = new ArrayList<>();
        for (JsonNode r : array(s, "repeat")) {
            if (!r.isTextual()) {
                throw new InvalidViewException("'repeat' lists FHIRPath strings, not " + r);
            }
            repeat.add(parse(r.asText(), "repeat"));
        }
        if (forEach != null && !repeat.isEmpty()) {
            throw new InvalidViewException("A select has both 'repeat' and 'forEach': choose one");
        }
        List<SelectNode> nested = new ArrayList<>();
        for (JsonNode n : array(s, "select")) {
            nested.add(select(n));
        }
        List<SelectNode> unionAll = new ArrayList<>();
        List<String> firstNames = null;
        for (JsonNode u : array(s, "unionAll")) {
            SelectNode option = select(u);
            List<String> names =
                    option.allColumns().stream().map(SelectNode.Column::name).toList();
            if (firstNames == null) {
                firstNames = names;
            } else if (!firstNames.equals(names)) {
                throw new InvalidViewException("unionAll options must have the same columns in the same order: "
                        + firstNames + " and " + names);
            }
            unionAll.add(option);
        }
        if (columns.isEmpty() && nested.isEmpty() && unionAll.isEmpty()) {
            throw new InvalidViewException("A select has no 'column', 'select' or 'unionAll'");
        }
        List<String> iteration = new ArrayList<>();
        if (forEach != null) {
            iteration.add(text(s, orNull ? "forEachOrNull" : "forEach", "select"));
        }
        // repeat walks the tree: recorded as the FHIRPath function that does the same, for readers of sources().
        array(s, "repeat").forEach(r -> iteration.add("repeat(" + r.asText() + ")"));
        return new SelectNode(columns, forEach, orNull, repeat, nested, unionAll, iteration);
    }

    private SelectNode.Column column(JsonNode c) {
        String name = text(c, "name", "column");
        if (!NAME.matcher(name).matches()) {
            throw new InvalidViewException(
                    "Column name '" + name + "' is not valid: letters, digits and '_', starting with a letter");
        }
        String path = text(c, "path", "column " + name);
        JsonNode type = c.get("type");
        if (type != null && !type.isTextual()) {
            throw new InvalidViewException("Column " + name + ": 'type' is a FHIR type code, not " + type);
        }
        JsonNode collection = c.get("collection");
        if (collection != null && !collection.isBoolean()) {
            throw new InvalidViewException("Column " + name + ": 'collection' is true or false, not " + collection);
        }
        return new SelectNode.Column(
                name,
                path,
                parse(path, "column " + name),
                type == null ? null : type.asText(),
                collection != null && collection.asBoolean());
    }

    private Map<String, List<Base>> constants(JsonNode constants) {
        Map<String, List<Base>> out = new HashMap<>();
        if (constants == null) {
            return out;
        }
        if (!constants.isArray()) {
            throw new InvalidViewException("'constant' is a list");
        }
        for (JsonNode c : constants) {
            String name = text(c, "name", "constant");
            Base value = null;
            for (Iterator<String> fields = c.fieldNames(); fields.hasNext(); ) {
                String field = fields.next();
                if (!field.startsWith("value")) {
                    continue;
                }
                Function<JsonNode, Base> type = CONSTANT_TYPES.get(field);
                if (type == null) {
                    throw new InvalidViewException("Constant " + name + ": " + field + " is not a constant type");
                }
                if (value != null) {
                    throw new InvalidViewException("Constant " + name + " has more than one value");
                }
                try {
                    value = type.apply(c.get(field));
                } catch (RuntimeException e) {
                    throw new InvalidViewException(
                            "Constant " + name + ": " + c.get(field) + " is not a valid " + field, e);
                }
            }
            if (value == null) {
                throw new InvalidViewException("Constant " + name + " has no value (valueString, valueInteger...)");
            }
            if (out.put(name, List.of(value)) != null) {
                throw new InvalidViewException("Constant " + name + " is defined twice");
            }
        }
        return out;
    }

    private ExpressionNode parse(String path, String what) {
        try {
            ExpressionNode node = engines.get().parse(path);
            String[] members = memberChain(node);
            if (members != null) {
                shortcuts.get().put(node, members);
            }
            return node;
        } catch (RuntimeException e) {
            throw new InvalidViewException(what + ": '" + path + "' is not valid FHIRPath: " + e.getMessage(), e);
        }
    }

    /**
     * The element names of a path that is nothing but child navigation ({@code status}, {@code subject.reference}),
     * or null. Such a path is evaluated by walking the children directly, as the FHIRPath engine itself does for each
     * name ({@code listChildrenByName}), without its per-call set-up: most columns of a real view are such paths.
     */
    static String[] memberChain(ExpressionNode node) {
        List<String> names = new ArrayList<>();
        for (ExpressionNode n = node; n != null; n = n.getInner()) {
            if (n.getKind() != ExpressionNode.Kind.Name
                    || n.getOperation() != null
                    || n.getOpNext() != null
                    || !MEMBER.matcher(n.getName()).matches()
                    // The engine answers a resource's id without its type and version: left to it.
                    || n.getName().equals("id")) {
                return null;
            }
            names.add(n.getName());
        }
        return names.toArray(String[]::new);
    }

    private static List<JsonNode> array(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidViewException("'" + field + "' is a list, not " + node);
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    private static String text(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidViewException(
                    where + ": '" + field + "' must be a non-empty string" + (node == null ? "" : ", not " + node));
        }
        return node.asText();
    }

    private static Map<String, Function<JsonNode, Base>> constantTypes() {
        Map<String, Function<JsonNode, Base>> m = new HashMap<>();
        m.put("valueBase64Binary", n -> new Base64BinaryType(n.textValue()));
        m.put("valueBoolean", n -> {
            if (!n.isBoolean()) {
                throw new IllegalArgumentException("not a boolean");
            }
            return new BooleanType(n.booleanValue());
        });
        m.put("valueCanonical", n -> new CanonicalType(n.textValue()));
        m.put("valueCode", n -> new CodeType(n.textValue()));
        m.put("valueDate", n -> new DateType(n.textValue()));
        m.put("valueDateTime", n -> new DateTimeType(n.textValue()));
        m.put("valueDecimal", n -> new DecimalType(n.decimalValue()));
        m.put("valueId", n -> new IdType(n.textValue()));
        m.put("valueInstant", n -> new InstantType(n.textValue()));
        m.put("valueInteger", n -> new IntegerType(n.intValue()));
        // R4 has no integer64; FHIRPath compares it as a number all the same.
        m.put(
                "valueInteger64",
                n -> new DecimalType(n.isTextual() ? new java.math.BigDecimal(n.textValue()) : n.decimalValue()));
        m.put("valueOid", n -> new OidType(n.textValue()));
        m.put("valuePositiveInt", n -> new PositiveIntType(n.intValue()));
        m.put("valueString", n -> new StringType(n.textValue()));
        m.put("valueTime", n -> new TimeType(n.textValue()));
        m.put("valueUnsignedInt", n -> new UnsignedIntType(n.intValue()));
        m.put("valueUri", n -> new UriType(n.textValue()));
        m.put("valueUrl", n -> new UrlType(n.textValue()));
        m.put("valueUuid", n -> new UuidType(n.textValue()));
        return Map.copyOf(m);
    }
}
