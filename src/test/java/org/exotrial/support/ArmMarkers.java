package org.exotrial.support;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * Every string that reveals allocation in a masked study, as an unblinded client reads them: the arm elements and the
 * administration extensions by name, the study's arm names (quoted), product type codes (quoted), lot numbers and
 * particle doses. A blinded client's responses and files must contain none of them.
 */
public final class ArmMarkers {

    public static final String ADMINISTRATION_CODE =
            "https://exotrial.org/fhir/CodeSystem/exotrial-procedure%7Cmsc-administration";

    private ArmMarkers() {}

    /** The markers of {@code study} ({@code ResearchStudy/<id>}), read with an unblinded client. */
    public static Set<String> of(IGenericClient unblinded, String study) {
        Set<String> markers = new TreeSet<>(List.of(
                "assignedArm",
                "actualArm",
                "exotrial-msc-product-type",
                "exotrial-particle-dose",
                "exotrial-lot-number",
                "exotrial-dose-number",
                "exotrial-source-tissue"));
        Bundle subjects = unblinded
                .search()
                .byUrl("ResearchSubject?study=" + study + "&_count=50")
                .returnBundle(Bundle.class)
                .execute();
        subjects.getEntry()
                .forEach(e -> markers.add("\"" + ((ResearchSubject) e.getResource()).getAssignedArm() + "\""));
        Bundle administrations = unblinded
                .search()
                .byUrl("Procedure?code=" + ADMINISTRATION_CODE + "&trial-study=" + study + "&_count=100")
                .returnBundle(Bundle.class)
                .execute();
        for (var entry : administrations.getEntry()) {
            for (Extension extension : ((Procedure) entry.getResource()).getExtension()) {
                if (extension.getUrl().endsWith("lot-number")) {
                    markers.add(extension.getValue().primitiveValue());
                }
                if (extension.getUrl().endsWith("product-type")) {
                    markers.add("\""
                            + ((CodeableConcept) extension.getValue())
                                    .getCodingFirstRep()
                                    .getCode()
                            + "\"");
                }
                if (extension.getUrl().endsWith("particle-dose")) {
                    markers.add(((Quantity) extension.getValue()).getValue().toPlainString());
                }
            }
        }
        return markers;
    }
}
