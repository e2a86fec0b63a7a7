package org.exotrial.security.discovery;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/** Writes the CapabilityStatement's {@code rest.security}: SMART-on-FHIR with the OAuth endpoints. */
@Interceptor
final class SecurityCapability {

    private final SmartConfiguration configuration;

    SecurityCapability(SmartConfiguration configuration) {
        this.configuration = configuration;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void advertise(IBaseConformance generated) {
        CapabilityStatement.CapabilityStatementRestSecurityComponent security =
                ((CapabilityStatement) generated).getRestFirstRep().getSecurity();
        security.getService().clear();
        security.addService(new CodeableConcept()
                .addCoding(new Coding(
                        "http://terminology.hl7.org/CodeSystem/restful-security-service",
                        "SMART-on-FHIR",
                        "SMART-on-FHIR")));
        security.setDescription("OAuth 2.0 client credentials with private_key_jwt (SMART Backend Services); "
                + "SMART v2 system scopes; see " + DiscoveryConfig.SMART_CONFIGURATION_PATH);
        Extension uris =
                security.addExtension().setUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        uris.addExtension("token", new UriType(configuration.tokenEndpoint()));
    }
}
