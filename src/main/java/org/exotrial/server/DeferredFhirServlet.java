package org.exotrial.server;

import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The servlet at {@code /fhir/*}: looks HAPI's {@link RestfulServer} up only in {@link #init}, which Boot defers until
 * the web server starts, when every singleton exists. Registering the RestfulServer directly would make the servlet
 * registration, resolved while the web server is created, pull in HAPI's whole bean graph (see {@link FhirEndpoint}).
 */
final class DeferredFhirServlet extends GenericServlet {

    private final transient ObjectProvider<FhirEndpoint> endpoints;
    private transient RestfulServer server;

    DeferredFhirServlet(ObjectProvider<FhirEndpoint> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        server = endpoints.getObject().server();
        server.init(config);
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        server.service(request, response);
    }

    @Override
    public void destroy() {
        if (server != null) {
            server.destroy();
        }
    }
}
