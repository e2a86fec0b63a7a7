package org.exotrial.validation;

import ca.uhn.fhir.validation.IInstanceValidatorModule;
import ca.uhn.fhir.validation.IValidationContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What {@code $validate} validates with, in place of HAPI's JPA validation chain: the write's own {@link Conformance},
 * so {@code $validate} and a write agree. HAPI's chain judged unknown LOINC codes (the guide's own IL-6 code) errors
 * the write accepts, and knew nothing of the profiles a resource's code implies. The profile a caller names
 * ({@code $validate?profile=}) is validated besides.
 */
final class WritePathValidatorModule implements IInstanceValidatorModule {

    private final Supplier<Conformance> conformance;

    WritePathValidatorModule(Supplier<Conformance> conformance) {
        this.conformance = conformance;
    }

    @Override
    public void validateResource(IValidationContext<IBaseResource> context) {
        Set<String> requested = new LinkedHashSet<>(context.getOptions().getProfiles());
        conformance.get().messages(context.getResource(), requested).forEach(context::addValidationMessage);
    }
}
