package org.exotrial.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo mode, under {@code exotrial.demo}.
 *
 * @param enabled load the implementation guide's examples (the LAR trial, the fistula case report, the secretome route
 *     study) at startup; {@code mvn spring-boot:run} turns it on, a production {@code java -jar} leaves it off
 */
@ConfigurationProperties("exotrial.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled) {}
