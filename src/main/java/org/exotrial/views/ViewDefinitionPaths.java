package org.exotrial.views;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Routes {@code /fhir/ViewDefinition/$viewdefinition-run} and {@code /fhir/ViewDefinition/$viewdefinition-export} (the
 * contract's paths; the export's to {@code /fhir/$viewdefinition-export}, views.export) and
 * {@code /fhir/ViewDefinition/<id>/$viewdefinition-run} to the system-level operation, {@code /fhir/$viewdefinition-run},
 * the latter with the view by reference. HAPI answers 404 for any path under a type R4 does not have, and
 * ViewDefinition is not an R4 type; a rewritten path is the smallest step that keeps the request in HAPI's pipeline
 * (scopes, blinding, audit). It runs after Spring Security's filter chain, which has already checked the token on the
 * original path; every other {@code /fhir/ViewDefinition/...} path goes on unchanged (and HAPI answers 404).
 */
public final class ViewDefinitionPaths extends OncePerRequestFilter {

    /** Request attribute: the view an instance-level path names, {@code ViewDefinition/<id>}. */
    public static final String VIEW_REFERENCE = ViewDefinitionPaths.class.getName() + ".viewReference";

    private static final Pattern PATH = Pattern.compile(
            "/ViewDefinition(?:/([A-Za-z0-9\\-.]{1,64}))?/(?:\\$|%24)(viewdefinition-run|viewdefinition-export)");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String prefix = request.getContextPath() + request.getServletPath();
        Matcher matcher = uri.startsWith(prefix) ? PATH.matcher(uri.substring(prefix.length())) : null;
        if (matcher == null || !matcher.matches()) {
            chain.doFilter(request, response);
            return;
        }
        if (matcher.group(1) != null) {
            request.setAttribute(VIEW_REFERENCE, "ViewDefinition/" + matcher.group(1));
        }
        chain.doFilter(new SystemLevel(request, prefix, "/$" + matcher.group(2)), response);
    }

    /** The request as if it had been sent to {@code /fhir/$viewdefinition-run}. */
    private static final class SystemLevel extends HttpServletRequestWrapper {

        private final String uri;
        private final String operation;

        SystemLevel(HttpServletRequest request, String prefix, String operation) {
            super(request);
            this.uri = prefix + operation;
            this.operation = operation;
        }

        @Override
        public String getRequestURI() {
            return uri;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer original = super.getRequestURL();
            String base = original.substring(
                    0, original.length() - super.getRequestURI().length());
            return new StringBuffer(base).append(uri);
        }

        @Override
        public String getPathInfo() {
            return operation;
        }
    }
}
