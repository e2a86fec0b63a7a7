package org.exotrial.guards;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Errors Tomcat answers itself, before any servlet or filter runs, are OperationOutcomes too: a request line with
 * characters a URL may not hold unencoded ({@code {}, {@code "}, a space), headers over Tomcat's limit. Tomcat renders
 * them with its {@code ErrorReportValve}, as an HTML page a FHIR client cannot read; {@link OperationOutcomeErrorReport}
 * takes its place and writes the same status with an OperationOutcome saying why.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorsConfig {

    /** Last, so that it replaces the valve Spring Boot's own customizer adds. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> operationOutcomeErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            // The host adds a valve of this class when it starts; left to its default, it would add Tomcat's own,
            // which shows stack traces and the server's version.
            host.setErrorReportValveClass(OperationOutcomeErrorReport.class.getName());
        });
    }
}
