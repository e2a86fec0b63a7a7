package org.exotrial.views.engine;

/** Checks and compiles ViewDefinitions (JSON, as the SQL-on-FHIR v2 specification writes them). */
public interface ViewCompiler {

    /**
     * The view, compiled.
     *
     * @throws InvalidViewException when the view is not valid: unknown resource type, bad FHIRPath, duplicate or
     *     missing column names, a collection where the view says there is none
     */
    CompiledView compile(String viewDefinitionJson);
}
