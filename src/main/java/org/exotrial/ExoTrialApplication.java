package org.exotrial;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.web.SpringDataWebAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * ExoTrial: a FHIR R4 server for clinical trials of MSC-derived therapies in colorectal surgery.
 *
 * <p>Each capability lives in its own package and plugs into the FHIR server through beans; this class only starts
 * Spring. Boot's JPA and Flyway auto-configurations are excluded: HAPI brings its own entity manager factory and its
 * own schema migrator (Flyway is only on the class path as a library of HAPI's migrator). The other exclusions are
 * libraries HAPI brings that ExoTrial does not use, whose auto-configurations would otherwise start them: Elasticsearch
 * clients; a second Quartz scheduler with ten idle threads (HAPI runs its own schedulers); Thymeleaf, Gson and Spring
 * Data's web support, for pages and controllers ExoTrial does not have. (Springdoc's OpenAPI pages are off in
 * application.yaml.)
 */
@SpringBootApplication(
        exclude = {
            HibernateJpaAutoConfiguration.class,
            FlywayAutoConfiguration.class,
            ElasticsearchRestClientAutoConfiguration.class,
            ElasticsearchClientAutoConfiguration.class,
            QuartzAutoConfiguration.class,
            ThymeleafAutoConfiguration.class,
            GsonAutoConfiguration.class,
            SpringDataWebAutoConfiguration.class
        })
@ConfigurationPropertiesScan
public class ExoTrialApplication {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "token".equals(args[0])) {
            // A client-side helper, not the server: no Spring context.
            System.exit(org.exotrial.token.TokenCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "cohort".equals(args[0])) {
            // Synthetic participants for demos and benchmarks: writes bundles, needs no server.
            System.exit(org.exotrial.cohort.CohortCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(ExoTrialApplication.class, args);
    }
}
