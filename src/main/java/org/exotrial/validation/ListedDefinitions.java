package org.exotrial.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;

/**
 * FHIR's core definitions, with a shorter answer when the validator asks for all of them: every data type, and the
 * resource types the server stores.
 *
 * <p>Why: HAPI's bridge to the HL7 validator turns every StructureDefinition on that list into an R5 copy, and keeps
 * the copy beside the R4 original for the server's life. The core package lists some 650: all 146 resource types and
 * every core profile and extension. Class histograms at ready put the copies at about 95 MB, a third of the live heap
 * (docs/benchmarks.md).
 *
 * <p>The list is what the validator's parser knows as resource names and its FHIRPath engine as type names; a core
 * profile or extension is looked up by its URL when a resource uses it, and only then copied. So a resource of a type
 * left off the list cannot be validated ("unknown or unrecognized resource name"), which is why the list is the
 * stored types: the server refuses the others anyway (decision 37), contained ones included.
 */
final class ListedDefinitions extends BaseValidationSupportWrapper {

    /** Every resource type derives from these; the validator walks up to them. */
    private static final Set<String> ANCESTORS = Set.of("Resource", "DomainResource");

    private final Optional<Set<String>> resourceTypes;

    /**
     * @param core FHIR's core definitions, which still answer every lookup by URL
     * @param resourceTypes the resource types to list; empty for all of them
     */
    ListedDefinitions(IValidationSupport core, Optional<Set<String>> resourceTypes) {
        super(core.getFhirContext(), core);
        this.resourceTypes = resourceTypes;
    }

    @Override
    public <T extends IBaseResource> List<T> fetchAllStructureDefinitions() {
        List<T> all = super.fetchAllStructureDefinitions();
        return all.stream().filter(d -> listed((StructureDefinition) d)).toList();
    }

    private boolean listed(StructureDefinition definition) {
        if (definition.getDerivation() != TypeDerivationRule.SPECIALIZATION) {
            return false; // a core profile or extension
        }
        String type = definition.getType();
        return definition.getKind() != StructureDefinitionKind.RESOURCE
                || ANCESTORS.contains(type)
                || resourceTypes.map(types -> types.contains(type)).orElse(true);
    }

    @Override
    public String getName() {
        return "ExoTrial's listed core definitions";
    }
}
