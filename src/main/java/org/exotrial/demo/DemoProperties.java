package org.exotrial.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode, under {@code exotrial.demo}.
 *
 * @param enabled load the implementation guide's examples (the LAR trial, the secretome route study, ADMIRE-CD, the
 *     fistula case report) and a generated cohort at startup; {@code mvn spring-boot:run} turns it on, a production
 *     {@code java -jar} leaves it off
 * @param cohortSize how many generated participants (org.exotrial.cohort) to add across the demo studies, each sent
 *     as a hospital interface would send it; 40 is one allocation block, so the arms are exactly balanced (28 in the
 *     LAR trial, 6 in the secretome study, 6 in ADMIRE-CD). These studies' only participants: the guide has none.
 */
@ConfigurationProperties("exotrial.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("40") int cohortSize) {

    /** The demo cohort is the same on every server: its MRNs are GEN2026-000000 onwards. */
    public static final long COHORT_SEED = 2026;

    public DemoProperties {
        if (cohortSize < 0) {
            throw new IllegalArgumentException("exotrial.demo.cohort-size must not be negative");
        }
    }
}
