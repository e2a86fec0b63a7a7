package org.exotrial.cohort;

import org.exotrial.ig.IgNames;
import org.exotrial.ig.ImplementationGuide;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** The arm's product given at the end of the index operation (exotrial-msc-administration, partOf the operation). */
final class Administration {

    static final String EXT = ImplementationGuide.PROFILE_BASE + "exotrial-";

    private Administration() {}

    static String write(Participant p, String operation, String time) {
        Product product = p.arm.product;
        Procedure admin = new Procedure();
        admin.addExtension(p.inStudy());
        admin.addExtension(EXT + "msc-product-type", Values.concept(Ig.CS_PRODUCT_TYPE, product.type()));
        if (product.sourceTissue() != null) {
            admin.addExtension(EXT + "source-tissue", Values.concept(Ig.CS_SOURCE_TISSUE, product.sourceTissue()));
        }
        admin.addExtension(
                EXT + "route", Values.concept(IgNames.SNOMED, product.route().code, product.route().display));
        if (product.particles() != null) {
            admin.addExtension(EXT + "particle-dose", Values.ucum(product.particles(), "{particles}", "particles"));
            admin.addExtension(
                    EXT + "concentration",
                    Values.ucum(product.particles() / product.volumeMl(), "{particles}/mL", "particles/mL"));
        }
        admin.addExtension(EXT + "volume", Values.ucum(product.volumeMl(), "mL", "mL"));
        admin.addExtension(EXT + "dose-number", new PositiveIntType(1));
        admin.addExtension(EXT + "lot-number", new StringType(product.lot()));
        admin.addExtension(Participant.postoperativeDay(0));
        Identifier key = p.resourceId("administration");
        admin.addIdentifier(key);
        admin.setStatus(Procedure.ProcedureStatus.COMPLETED);
        admin.setCode(Values.concept(IgNames.CS_PROCEDURE, "msc-administration"));
        admin.setSubject(p.patientReference());
        admin.setPerformed(p.at(0, time));
        admin.addPartOf(new Reference(operation));
        admin.addNote().setText(product.note());
        return p.post("administration", admin, "exotrial-msc-administration", key);
    }
}
