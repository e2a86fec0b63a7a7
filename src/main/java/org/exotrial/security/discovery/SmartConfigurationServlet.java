package org.exotrial.security.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the SMART configuration. An exact servlet mapping wins over the FHIR servlet's {@code /fhir/*}, so the
 * document lives under the FHIR base as SMART requires without touching HAPI.
 */
final class SmartConfigurationServlet extends HttpServlet {

    private final byte[] body;

    SmartConfigurationServlet(SmartConfiguration configuration) throws IOException {
        this.body = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(configuration.document());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.getOutputStream().write(body);
    }
}
