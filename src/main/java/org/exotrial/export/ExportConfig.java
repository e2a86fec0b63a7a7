package org.exotrial.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.exotrial.audit.ExportAudit;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.server.StorageHook;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bulk Data Access (docs/export.md): HAPI's batch2 bulk export ({@code $export} at system, Patient and Group level),
 * with ExoTrial's access checks, blinding and one Group per study.
 */
@Configuration(proxyBeanMethods = false)
class ExportConfig {

    /**
     * HAPI's provider (a bean of HAPI's JPA configuration) and the checks it lacks, on the REST server. A Group export
     * first waits for the study Groups to hold every subject written before it. With the audit trail on, each started job
     * is recorded in it.
     */
    @Bean
    FhirServerCustomizer bulkExport(
            BulkDataExportProvider provider,
            IJobCoordinator jobs,
            FhirContext fhir,
            CallerBlinding blinding,
            StudyGroups groups,
            ObjectProvider<ExportAudit> audit,
            ExportProperties properties,
            IJobMaintenanceService maintenance) {
        return server -> {
            server.registerInterceptor(new ExportRequests(
                    jobs,
                    fhir,
                    blinding,
                    groups::flush,
                    properties.advanceOnPoll() ? maintenance::runMaintenancePass : () -> {},
                    properties.jobInterval()));
            server.registerInterceptor(new ExportFiles());
            audit.ifAvailable(exportAudit -> server.registerInterceptor(new ExportStartAudit(exportAudit)));
            server.registerProvider(provider);
        };
    }

    /** On HAPI's interceptor service: the export job's worker threads call it there, without a request. */
    @Bean
    StorageHook exportBlinding(CallerBlinding blinding) {
        return new StorageHook(StorageHook.Stage.GUARD, new ExportBlinding(blinding));
    }

    @Bean
    StudyGroups studyGroups(DaoRegistry daos) {
        return new StudyGroups(daos);
    }

    /** Every write of a ResearchSubject, whichever way it came (REST, transaction, HL7 v2, demo data). */
    @Bean
    StorageHook studyGroupHook(StudyGroups groups) {
        return new StorageHook(StorageHook.Stage.RECORD, new StudyGroupHook(groups));
    }

    /** The Groups of studies stored before this version, or while the server was down. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> studyGroupsAtStartup(StudyGroups groups) {
        return ready -> groups.rebuildAll();
    }

    /**
     * HAPI's settings, before its scheduler starts (which reads the maintenance interval): one job per request, since
     * HAPI's reuse of an identical earlier job would hand one client's files to another; the files' retention; how
     * often batch jobs advance.
     */
    @Bean
    SmartInitializingSingleton exportSettings(
            JpaStorageSettings settings, IJobMaintenanceService maintenance, ExportProperties properties) {
        return () -> {
            settings.setEnableBulkExportJobReuse(false);
            // HAPI's export loads each file's resources with one synchronous search per batch of ids, and a
            // synchronous search stops at the fetch size maximum (ExoTrial: the largest page, 200), silently: a type
            // with more resources lost the rest. Files of at most that many resources keep every search whole.
            Integer fetchMaximum = settings.getFetchSizeDefaultMaximum();
            if (fetchMaximum != null && fetchMaximum < settings.getBulkExportFileMaximumCapacity()) {
                settings.setBulkExportFileMaximumCapacity(fetchMaximum);
            }
            settings.setBulkExportFileRetentionPeriodHours(properties.retentionHours());
            if (maintenance instanceof JobMaintenanceServiceImpl scheduled) {
                scheduled.setScheduledJobFrequencyMillis(
                        properties.jobInterval().toMillis());
            }
        };
    }
}
