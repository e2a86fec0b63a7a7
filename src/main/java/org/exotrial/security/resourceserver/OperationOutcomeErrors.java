package org.exotrial.security.resourceserver;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * 401 and 403 from the security filters, answered the FHIR way: Spring's bearer-token handlers set the status and
 * the {@code WWW-Authenticate} challenge (RFC 6750), and the body is an OperationOutcome saying why. The same for the
 * 400 of Spring's firewall, which refuses requests with control characters in a header, say.
 */
final class OperationOutcomeErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** The methods Spring's {@code StrictHttpFirewall} lets through; it refuses any other before a filter runs. */
    private static final List<String> HANDLED_METHODS =
            List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private final FhirContext fhir;
    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();

    OperationOutcomeErrors(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        challenge.commence(request, response, failure);
        String reason = request.getHeader("Authorization") == null
                ? "Authentication required: send an access token (Authorization: Bearer ...)"
                : "The access token was rejected: " + failure.getMessage();
        write(response, OperationOutcome.IssueType.LOGIN, reason);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
            throws IOException {
        denied.handle(request, response, failure);
        write(response, OperationOutcome.IssueType.FORBIDDEN, "The token's role does not allow this request");
    }

    /**
     * A request Spring's firewall refused. Its message is not passed on: it quotes the offending header, which may be
     * the caller's access token.
     */
    void rejected(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        if (!HANDLED_METHODS.contains(request.getMethod())) {
            // The firewall's allowed methods; TRACE and the like are not a malformed request but an unsupported one.
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", String.join(", ", HANDLED_METHODS));
            write(
                    response,
                    OperationOutcome.IssueType.NOTSUPPORTED,
                    "HTTP method " + request.getMethod() + " is not supported");
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        write(
                response,
                OperationOutcome.IssueType.INVALID,
                "The request was refused: its URL, a parameter or a header holds characters that are not allowed");
    }

    private void write(HttpServletResponse response, OperationOutcome.IssueType type, String diagnostics)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(diagnostics);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(fhir.newJsonParser().encodeResourceToString(outcome));
    }
}
