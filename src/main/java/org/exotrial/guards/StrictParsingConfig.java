package org.exotrial.guards;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * FHIR content that does not follow the specification is refused (400), not repaired. HAPI's parsers default to a
 * lenient handler that logs and drops what they do not understand: a misspelt element ({@code "valueQuantiy"}), an
 * element sent twice where one is allowed, a number sent as a string. The sender then gets 201 for data that was not
 * stored. With HAPI's strict handler the request fails with the parser's message naming the element, and nothing is
 * written (decision 39).
 *
 * <p>Set on the server's one FhirContext, so it also covers HL7 v2 ingest's and the demo loader's parsing, and HAPI's
 * parsing of what it stored, which is always its own valid output. HAPI's core definitions are read with a lenient
 * parser of their own.
 */
@Configuration(proxyBeanMethods = false)
class StrictParsingConfig {

    /** Static: a post-processor is created before the beans it processes. */
    @Bean
    static BeanPostProcessor strictFhirParsing() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof FhirContext fhir) {
                    fhir.setParserErrorHandler(new StrictErrorHandler());
                }
                return bean;
            }
        };
    }
}
