package org.exotrial.views.engine;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A SQL-on-FHIR v2 ViewDefinition, checked once and ready to turn resources of its type into rows. Thread-safe: one
 * compiled view serves many requests at once.
 */
public interface CompiledView {

    /** The FHIR resource type the view reads ({@code ViewDefinition.resource}). */
    String resourceType();

    /** {@code ViewDefinition.name}, or {@code null}. */
    String name();

    /** The view's columns in output order, known before any row (CSV headers, Parquet schemas). */
    List<ViewColumn> columns();

    /**
     * Where a column's values come from, for callers that must know what a column can read (blinding): every chain of
     * FHIRPath expressions that feeds the column, each evaluated on the previous one's results, starting on the
     * resource: enclosing {@code forEach}/{@code forEachOrNull} paths and {@code repeat(path)}, the column's path last.
     * Several chains when {@code unionAll} options feed the column.
     */
    List<List<String>> sources(int column);

    /**
     * The rows one resource yields (none when a {@code where} excludes it). Each row has one value per column, in the
     * order of {@link #columns()}: {@code String}, {@code Boolean}, {@code Integer}, {@code Long}, {@code
     * java.math.BigDecimal} or {@code null}; a collection column holds a {@code List} of those.
     */
    List<List<Object>> rows(IBaseResource resource);
}
