package org.exotrial;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * ExoTrial: a FHIR R4 server for clinical trials of MSC-derived therapies in colorectal surgery.
 *
 * <p>Each capability lives in its own package and plugs into the FHIR server through beans; this class only starts
 * Spring. Boot's JPA and Flyway auto-configurations are excluded: HAPI brings its own entity manager factory and its
 * own schema migrator (Flyway is only on the class path as a library of HAPI's migrator); Elasticsearch is a client
 * library HAPI drags in, not a service ExoTrial uses.
 */
@SpringBootApplication(
        exclude = {
            HibernateJpaAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class ExoTrialApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "token".equals(args[0])) {
            // A client-side helper, not the server: no Spring context.
            System.exit(org.exotrial.security.TokenCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "cohort".equals(args[0])) {
            // Synthetic participants for demos and benchmarks: writes bundles, needs no server.
            System.exit(org.exotrial.cohort.CohortCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(ExoTrialApplication.class, args);
    }
}
