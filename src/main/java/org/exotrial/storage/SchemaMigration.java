package org.exotrial.storage;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema with HAPI's own migration tasks, never Hibernate's auto-DDL: HAPI records every
 * task it ran in its migration table, so a later HAPI release migrates an existing database in place.
 */
final class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {}

    static void migrate(DataSource dataSource) {
        long start = System.currentTimeMillis();
        HapiMigrator migrator =
                new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource, DriverTypeEnum.POSTGRES_9_4);
        migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
        migrator.createMigrationTableIfRequired();
        var result = migrator.migrate();
        log.info(
                "Schema is current: {} migration tasks run in {} ms",
                result.succeededTasks.size(),
                System.currentTimeMillis() - start);
    }
}
