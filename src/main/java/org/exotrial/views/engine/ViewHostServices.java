package org.exotrial.views.engine;

import java.util.List;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.exceptions.PathEngineException;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.fhirpath.FHIRPathUtilityClasses.FunctionDetails;
import org.hl7.fhir.r4.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r4.fhirpath.TypeDetails;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.utilities.fhirpath.FHIRPathConstantEvaluationMode;

/**
 * What SQL on FHIR adds to FHIRPath, as host services of the R4 engine: the view's constants, {@code %rowIndex},
 * {@code getResourceKey()} and {@code getReferenceKey([type])}. Stateless: the per-row state travels in the
 * {@link Scope} the engine hands back as its application context, so one instance serves every thread.
 */
final class ViewHostServices implements IHostApplicationServices {

    static final ViewHostServices INSTANCE = new ViewHostServices();

    private static final String RESOURCE_KEY = "getResourceKey";
    private static final String REFERENCE_KEY = "getReferenceKey";

    private ViewHostServices() {}

    @Override
    public List<Base> resolveConstant(
            FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode)
            throws PathEngineException {
        // The engine also asks in implicit modes, for every bare identifier ("gender", "id"): those are paths, and
        // only %name is a view constant.
        if (!(appContext instanceof Scope scope) || mode != FHIRPathConstantEvaluationMode.EXPLICIT) {
            return List.of();
        }
        String bare = bareName(name);
        if (bare.equals("rowIndex")) {
            return List.of(new IntegerType(scope.rowIndex()));
        }
        List<Base> value = scope.constants().get(bare);
        if (value == null) {
            throw new PathEngineException("Unknown constant %" + bare + ": the view declares no such constant");
        }
        return value;
    }

    static String bareName(String name) {
        String bare = name.startsWith("%") ? name.substring(1) : name;
        if (bare.length() > 1 && bare.startsWith("`") && bare.endsWith("`")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return bare;
    }

    @Override
    public TypeDetails resolveConstantType(
            FHIRPathEngine engine, Object appContext, String name, FHIRPathConstantEvaluationMode mode) {
        return null;
    }

    @Override
    public boolean log(String argument, List<Base> focus) {
        return false;
    }

    @Override
    public FunctionDetails resolveFunction(FHIRPathEngine engine, String functionName) {
        return switch (functionName) {
            case RESOURCE_KEY -> new FunctionDetails("the resource's key (its logical id)", 0, 0);
            case REFERENCE_KEY -> new FunctionDetails("the key of the resource a reference points to", 0, 1);
            default -> null;
        };
    }

    @Override
    public TypeDetails checkFunction(
            FHIRPathEngine engine,
            Object appContext,
            String functionName,
            TypeDetails focus,
            List<TypeDetails> parameters) {
        return null;
    }

    @Override
    public List<Base> executeFunction(
            FHIRPathEngine engine,
            Object appContext,
            List<Base> focus,
            String functionName,
            List<List<Base>> parameters) {
        if (RESOURCE_KEY.equals(functionName)) {
            return focus.stream()
                    .filter(Resource.class::isInstance)
                    .map(b ->
                            (Base) new StringType(((Resource) b).getIdElement().getIdPart()))
                    .toList();
        }
        if (REFERENCE_KEY.equals(functionName)) {
            String type = parameters.isEmpty() || parameters.get(0).isEmpty()
                    ? null
                    : parameters.get(0).get(0).primitiveValue();
            return focus.stream()
                    .filter(Reference.class::isInstance)
                    .map(b -> referenceKey((Reference) b, type))
                    .filter(k -> k != null)
                    .map(k -> (Base) new StringType(k))
                    .toList();
        }
        throw new FHIRException("Unknown function " + functionName);
    }

    private static String referenceKey(Reference reference, String type) {
        if (!reference.hasReference()) {
            return null;
        }
        IdType id = new IdType(reference.getReference());
        // The engine hands a type argument over qualified ("FHIR.Patient").
        String bareType = type == null ? null : type.substring(type.lastIndexOf('.') + 1);
        if (bareType != null && !bareType.equals(id.getResourceType())) {
            return null;
        }
        return id.getIdPart();
    }

    @Override
    public Base resolveReference(FHIRPathEngine engine, Object appContext, String url, Base refContext) {
        return null;
    }

    @Override
    public boolean conformsToProfile(FHIRPathEngine engine, Object appContext, Base item, String url) {
        return false;
    }

    @Override
    public ValueSet resolveValueSet(FHIRPathEngine engine, Object appContext, String url) {
        return null;
    }

    @Override
    public boolean paramIsType(String name, int index) {
        return REFERENCE_KEY.equals(name) && index == 0;
    }
}
