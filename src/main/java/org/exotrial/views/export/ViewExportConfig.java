package org.exotrial.views.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.model.JobDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.exotrial.blinding.CallerBlinding;
import org.exotrial.server.FhirEndpoint;
import org.exotrial.server.FhirServerCustomizer;
import org.exotrial.views.ServerResources;
import org.exotrial.views.ViewLibrary;
import org.exotrial.views.engine.ViewCompiler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code $viewdefinition-export}: the batch2 job, its file table, the REST operations and the retention sweep. */
@Configuration(proxyBeanMethods = false)
class ViewExportConfig {

    private static final Logger log = LoggerFactory.getLogger(ViewExportConfig.class);

    @Bean
    ExportFiles viewExportFiles(DataSource dataSource) {
        ExportFiles files = new ExportFiles(dataSource);
        files.createIfMissing();
        return files;
    }

    /** Registered with HAPI's JobDefinitionRegistry with the other job definitions (ImplementationGuideConfig). */
    @Bean
    JobDefinition<ViewExportParameters> viewExportJobDefinition(
            ViewCompiler compiler,
            DaoRegistry daos,
            CallerBlinding blinding,
            ExportFiles files,
            ViewExportProperties properties,
            ObjectProvider<FhirEndpoint> endpoint) {
        // The endpoint is assembled after this job's beans (it takes their customizers): looked up when a job runs.
        var source = new ResourceSource(
                new ServerResources(daos, daos.getSystemDao().getContext(), properties.pageSize()),
                () -> endpoint.getObject().server());
        return new ViewExportJob(compiler, source, blinding, files).definition();
    }

    @Bean
    FhirServerCustomizer viewExportOperations(
            IJobCoordinator jobs,
            IJobMaintenanceService maintenance,
            ViewLibrary views,
            ViewCompiler compiler,
            DaoRegistry daos,
            FhirContext fhir,
            ExportFiles files,
            ViewExportProperties properties) {
        ExportKickOff kickOff = new ExportKickOff(views::find, compiler, daos, fhir);
        ViewExportProvider provider = new ViewExportProvider(jobs, maintenance, kickOff, files, properties, fhir);
        return server -> server.registerProvider(provider);
    }

    /** Deletes files past the retention, every hour or every quarter of the retention if that is shorter. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService viewExportRetention(ExportFiles files, ViewExportProperties properties) {
        ScheduledExecutorService sweep = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "view-export-retention");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, Math.min(3600, properties.retention().toSeconds() / 4));
        sweep.scheduleWithFixedDelay(
                () -> {
                    try {
                        int deleted = files.deleteOlderThan(properties.retention());
                        if (deleted > 0) {
                            log.info(
                                    "View export: {} files past the retention of {} deleted",
                                    deleted,
                                    properties.retention());
                        }
                    } catch (RuntimeException e) {
                        log.warn("View export retention sweep failed; next try in {} s", every, e);
                    }
                },
                every,
                every,
                TimeUnit.SECONDS);
        return sweep;
    }
}
