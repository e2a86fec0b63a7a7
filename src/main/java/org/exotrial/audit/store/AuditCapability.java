package org.exotrial.audit.store;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

/**
 * Makes the CapabilityStatement describe {@code AuditEvent} as {@link AuditEventProvider} serves it. HAPI's JPA
 * statement lists every AuditEvent parameter of its registry and the JPA includes; a client reading the statement
 * must find exactly what the trail's table can search, and that it can only be read.
 */
public final class AuditCapability {

    /** The parameters {@link AuditEventProvider#search} takes, with their FHIR types. */
    static final Map<String, SearchParamType> PARAMETERS = Map.ofEntries(
            Map.entry("_id", SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_DATE, SearchParamType.DATE),
            Map.entry(AuditEvent.SP_PATIENT, SearchParamType.REFERENCE),
            Map.entry(AuditEvent.SP_ENTITY, SearchParamType.REFERENCE),
            Map.entry(AuditEvent.SP_ENTITY_NAME, SearchParamType.STRING),
            Map.entry(AuditEvent.SP_ENTITY_TYPE, SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_ENTITY_ROLE, SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_ALTID, SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_AGENT_NAME, SearchParamType.STRING),
            Map.entry(AuditEvent.SP_AGENT_ROLE, SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_TYPE, SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_SUBTYPE, SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_ACTION, SearchParamType.TOKEN),
            Map.entry(AuditEvent.SP_OUTCOME, SearchParamType.TOKEN));

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance generated) {
        CapabilityStatement statement = (CapabilityStatement) generated;
        for (CapabilityStatementRestResourceComponent resource :
                statement.getRestFirstRep().getResource()) {
            // Nothing of the trail is in HAPI's tables, so no other type can _revinclude it.
            resource.getSearchRevInclude().removeIf(r -> r.getValue().startsWith("AuditEvent:"));
            if (!"AuditEvent".equals(resource.getType())) {
                continue;
            }
            resource.getInteraction().clear();
            List.of(TypeRestfulInteraction.READ, TypeRestfulInteraction.SEARCHTYPE)
                    .forEach(code -> resource.addInteraction().setCode(code));
            resource.getSearchInclude().clear();
            resource.getSearchRevInclude().clear();
            resource.getSearchParam().clear();
            PARAMETERS.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(p -> resource.addSearchParam().setName(p.getKey()).setType(p.getValue()));
            resource.setDocumentation("The audit trail: written by the server alone, read and searched by admins"
                    + " (paged with _offset; _sort=date or -date)");
        }
    }
}
