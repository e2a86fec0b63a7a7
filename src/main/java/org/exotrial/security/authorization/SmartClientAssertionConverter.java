package org.exotrial.security.authorization;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a SMART Backend Services token request. SMART clients send no {@code client_id} (the assertion's {@code sub}
 * names the client, RFC 7523), while Spring Authorization Server's own converter insists on one. The client named
 * here is only a lookup key: the assertion is then verified with that client's registered keys, and its {@code iss}
 * and {@code sub} must both equal the client id.
 */
final class SmartClientAssertionConverter implements AuthenticationConverter {

    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    @Override
    public Authentication convert(HttpServletRequest request) {
        String type = request.getParameter("client_assertion_type");
        String assertion = request.getParameter("client_assertion");
        if (!JWT_BEARER.equals(type) || assertion == null || request.getParameter("client_id") != null) {
            return null; // not ours: the standard converters handle it
        }
        String clientId;
        try {
            clientId = SignedJWT.parse(assertion).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            clientId = null;
        }
        if (clientId == null || clientId.isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_CLIENT, "client_assertion is not a JWT with a sub claim", null));
        }
        Map<String, Object> parameters = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!List.of("client_assertion_type", "client_assertion").contains(name) && values.length > 0) {
                parameters.put(name, values.length == 1 ? values[0] : values);
            }
        });
        return new OAuth2ClientAuthenticationToken(
                clientId, new ClientAuthenticationMethod(JWT_BEARER), assertion, parameters);
    }
}
