package org.exotrial.ig;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;

/** Lists the guide and its profiles in the CapabilityStatement. */
final class SupportedProfiles {

    private final ImplementationGuide guide;

    SupportedProfiles(ImplementationGuide guide) {
        this.guide = guide;
    }

    /** SERVER_CAPABILITY_STATEMENT_GENERATED: lists every IG profile as supportedProfile of its resource type. */
    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addProfiles(IBaseConformance generated) {
        CapabilityStatement cs = (CapabilityStatement) generated;
        cs.addImplementationGuide(ImplementationGuide.CANONICAL + "/ImplementationGuide/" + guide.name());
        for (var resource : cs.getRestFirstRep().getResource()) {
            for (String url : guide.profilesByType().getOrDefault(resource.getType(), java.util.Set.of())) {
                if (resource.getSupportedProfile().stream().noneMatch(p -> url.equals(p.getValue()))) {
                    resource.addSupportedProfile(url);
                }
            }
        }
    }
}
