package org.exotrial.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.interceptor.OverridePathBasedReferentialIntegrityForDeletesInterceptor;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import java.util.HashSet;
import java.util.Set;
import org.exotrial.server.FhirServerCustomizer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail: an AuditEvent for every FHIR read, search and write, and for every failed request, stored in the
 * server's own database where admins search it like any other resource (docs/security/audit.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.audit.enabled", havingValue = "true", matchIfMissing = true)
class AuditConfig {

    /** The paths an AuditEvent points at other resources through. */
    static final Set<String> REFERENCE_PATHS = Set.of("AuditEvent.entity.what", "AuditEvent.agent.who");

    @Bean
    AuditEventQueue auditEventQueue(
            AuditProperties properties,
            DaoRegistry daoRegistry,
            IHapiTransactionService transactions,
            IIdHelperService<JpaPid> ids) {
        return new AuditEventQueue(
                properties,
                new AuditEventWriter(
                        daoRegistry.getResourceDao(AuditEvent.class), transactions, new ReferenceTargets(ids)));
    }

    /**
     * On the REST server, not HAPI's global interceptor service: only client requests are audited. The server's own
     * writes (guide installation, demo data, the audit writer itself) use requests without the REST server's
     * broadcaster and so are not recorded, which is also what keeps audit writes from auditing themselves.
     */
    @Bean
    FhirServerCustomizer auditCustomizer(FhirContext fhir, AuditEventQueue queue) {
        CallerAuditContext context = new CallerAuditContext();
        return server -> {
            server.registerInterceptor(new ServletRequestsOnly(
                    new BalpAuditCaptureInterceptor(queue, context), new SearchPatients(context)));
            server.registerInterceptor(new RequestAudit(fhir, context, queue));
        };
    }

    /**
     * An AuditEvent must not keep alive what it merely observed: without this, the first read of a resource would make
     * it impossible to delete (referential integrity on delete), and erasing a patient would require erasing the
     * trail of who saw them. Storage settings have a similar switch, but in HAPI 8.8 only $delete-expunge reads it;
     * a plain DELETE goes through this interceptor's hook.
     */
    @Bean
    SmartInitializingSingleton auditReferencesDoNotBlockDeletes(
            IInterceptorService interceptors, OverridePathBasedReferentialIntegrityForDeletesInterceptor override) {
        return () -> {
            REFERENCE_PATHS.forEach(override::addPath);
            interceptors.registerInterceptor(override);
        };
    }

    /**
     * HAPI strips versions from references when it stores a resource; the version a client read or wrote is part of
     * what the audit trail records.
     */
    @Bean
    SmartInitializingSingleton auditReferencesKeepVersions(FhirContext fhir) {
        return () -> {
            Set<String> paths = new HashSet<>(fhir.getParserOptions().getDontStripVersionsFromReferencesAtPaths());
            paths.add("AuditEvent.entity.what");
            fhir.getParserOptions().setDontStripVersionsFromReferencesAtPaths(paths);
        };
    }
}
