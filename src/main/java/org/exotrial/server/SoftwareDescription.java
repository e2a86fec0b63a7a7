package org.exotrial.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;

/** Names the software (ExoTrial and its version) in the CapabilityStatement, and the batch interaction HAPI omits. */
final class SoftwareDescription {

    private final String version;

    SoftwareDescription(String version) {
        this.version = version;
    }

    /** SERVER_CAPABILITY_STATEMENT_GENERATED: runs on the generated statement before it is cached and served. */
    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance generated) {
        CapabilityStatement cs = (CapabilityStatement) generated;
        cs.getSoftware().setName("ExoTrial").setVersion(version);
        cs.setPublisher("ExoTrial");
        var rest = cs.getRestFirstRep();
        // HAPI processes batch bundles but only advertises transaction.
        boolean hasBatch = rest.getInteraction().stream().anyMatch(i -> i.getCode() == SystemRestfulInteraction.BATCH);
        if (!hasBatch) {
            rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
        }
    }
}
