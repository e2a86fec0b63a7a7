package org.exotrial.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Validates a resource against named IG profiles and returns only what makes it non-conformant (errors). */
public final class IgValidator {

    private final FhirContext fhir;
    private final FhirValidator validator;

    IgValidator(FhirContext fhir, FhirValidator validator) {
        this.fhir = fhir;
        this.validator = validator;
    }

    public List<SingleValidationMessage> errors(IBaseResource resource, Set<String> profiles) {
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        return validator.validateWithResult(resource, options).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    FhirContext fhirContext() {
        return fhir;
    }
}
