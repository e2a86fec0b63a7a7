package org.exotrial.views.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.fhirpath.ExpressionNode;
import org.hl7.fhir.r4.fhirpath.FHIRPathEngine;
import org.hl7.fhir.r4.model.Resource;

/** A view compiled by {@link FhirPathViewCompiler}: parsed expressions, no per-row parsing. */
final class FhirPathCompiledView implements CompiledView {

    private final String resourceType;
    private final String name;
    private final List<ViewColumn> columns;
    private final SelectNode top;
    private final List<List<List<String>>> sources;
    private final Map<ExpressionNode, String[]> shortcuts;
    private final List<ExpressionNode> where;
    private final List<String> wherePaths;
    private final Scope scope;
    private final ThreadLocal<FHIRPathEngine> engines;

    FhirPathCompiledView(
            String resourceType,
            String name,
            List<ViewColumn> columns,
            SelectNode top,
            List<List<List<String>>> sources,
            Map<ExpressionNode, String[]> shortcuts,
            List<ExpressionNode> where,
            List<String> wherePaths,
            Scope scope,
            ThreadLocal<FHIRPathEngine> engines) {
        this.resourceType = resourceType;
        this.name = name;
        this.columns = List.copyOf(columns);
        this.top = top;
        this.sources = sources;
        this.shortcuts = shortcuts;
        this.where = List.copyOf(where);
        this.wherePaths = List.copyOf(wherePaths);
        this.scope = scope;
        this.engines = engines;
    }

    @Override
    public String resourceType() {
        return resourceType;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ViewColumn> columns() {
        return columns;
    }

    @Override
    public List<List<String>> sources(int column) {
        return sources.get(column);
    }

    @Override
    public List<List<Object>> rows(IBaseResource resource) {
        if (!(resource instanceof Resource r4) || !resourceType.equals(r4.fhirType())) {
            return List.of();
        }
        Evaluation eval = new Evaluation(engines.get(), r4, shortcuts);
        for (int i = 0; i < where.size(); i++) {
            if (!eval.test(where.get(i), wherePaths.get(i), scope)) {
                return List.of();
            }
        }
        List<Object[]> rows = top.rows(eval, r4, scope);
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            out.add(Arrays.asList(row));
        }
        return out;
    }
}
