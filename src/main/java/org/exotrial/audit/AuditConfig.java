package org.exotrial.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.storage.interceptor.balp.BalpAuditCaptureInterceptor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.exotrial.audit.store.AuditCapability;
import org.exotrial.audit.store.AuditEventProvider;
import org.exotrial.audit.store.AuditStore;
import org.exotrial.audit.store.LegacyAuditEvents;
import org.exotrial.server.FhirServerCustomizer;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail: an AuditEvent for every FHIR read, search and write, and for every failed request, stored in a
 * table of the server's own database that admins search through {@code /fhir/AuditEvent} (docs/security/audit.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.audit.enabled", havingValue = "true", matchIfMissing = true)
class AuditConfig {

    private static final Logger log = LoggerFactory.getLogger(AuditConfig.class);

    /** The trail's table, created at startup if missing. */
    @Bean
    AuditStore auditStore(DataSource dataSource, FhirContext fhir) {
        AuditStore store = new AuditStore(dataSource, fhir);
        store.createIfMissing();
        return store;
    }

    @Bean
    LegacyAuditEvents legacyAuditEvents(AuditStore store, DaoRegistry daos) {
        return new LegacyAuditEvents(store, daos.getResourceDao(AuditEvent.class));
    }

    /**
     * Copies the trail of an earlier version, if any, once the server is up: on a large trail it takes minutes, which
     * the server's start should not wait for. Its events are searchable as they arrive.
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> legacyAuditCopy(LegacyAuditEvents legacy) {
        return ready -> {
            Thread copy = new Thread(
                    () -> {
                        try {
                            legacy.copy();
                        } catch (RuntimeException e) {
                            log.error(
                                    "Audit: copying earlier AuditEvents failed ({}); retried at the next start",
                                    e.getClass().getSimpleName());
                        }
                    },
                    "audit-legacy-copy");
            copy.setDaemon(true);
            copy.start();
        };
    }

    @Bean
    AuditEventQueue auditEventQueue(AuditProperties properties, AuditStore store) {
        return new AuditEventQueue(properties, new AuditEventWriter(store));
    }

    /** One event per delivery attempt of a subscription notification (registry sync). */
    @Bean
    DeliveryAudit deliveryAudit(AuditEventQueue queue) {
        return new DeliveryAudit(queue);
    }

    /** One event per bulk export job started (docs/export.md). */
    @Bean
    ExportAudit exportAudit(AuditEventQueue queue) {
        return new ExportAudit(queue);
    }

    @Bean
    MessageAudit messageAudit(FhirContext fhir, AuditEventQueue queue) {
        return new MessageAudit(fhir, queue);
    }

    /**
     * On the REST server, not HAPI's global interceptor service: only client requests are audited. The server's own
     * writes (guide installation, demo data, the audit writer itself) use requests without the REST server's
     * broadcaster and so are not recorded, which is also what keeps audit writes from auditing themselves.
     */
    @Bean
    FhirServerCustomizer auditCustomizer(
            FhirContext fhir, AuditEventQueue queue, AuditStore store, MessageAudit messages) {
        CallerAuditContext context = new CallerAuditContext();
        return server -> {
            // The trail is served from its own table; HAPI's JPA provider for the type would find nothing there.
            List.copyOf(server.getResourceProviders()).stream()
                    .filter(provider -> provider.getResourceType() == AuditEvent.class)
                    .forEach(server::unregisterProvider);
            server.registerProvider(new AuditEventProvider(store));
            server.registerInterceptor(new AuditCapability());
            server.registerInterceptor(new ServletRequestsOnly(
                    new BalpAuditCaptureInterceptor(queue, context), new SearchPatients(context)));
            server.registerInterceptor(new RequestAudit(fhir, context, queue));
            // The HL7 v2 ingest's system requests carry the REST server's interceptors, so its writes reach this.
            server.registerInterceptor(messages);
        };
    }

    /**
     * HAPI's JSON parser strips versions from references when it encodes a resource; the version a client read or
     * wrote is part of what the audit trail records.
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
