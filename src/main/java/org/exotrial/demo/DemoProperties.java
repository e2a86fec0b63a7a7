package org.exotrial.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode, under {@code exotrial.demo}.
 *
 * @param enabled load the implementation guide's examples (the LAR trial, the fistula case report, the secretome route
 *     study) at startup; {@code mvn spring-boot:run} turns it on, a production {@code java -jar} leaves it off
 * @param cohortSize how many generated participants (org.exotrial.cohort) to add across the demo studies, each sent
 *     as a hospital interface would send it; 40 is one allocation block, so the arms are exactly balanced
 */
@ConfigurationProperties("exotrial.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("40") int cohortSize) {

    public DemoProperties {
        if (cohortSize < 0) {
            throw new IllegalArgumentException("exotrial.demo.cohort-size must not be negative");
        }
    }
}
