package org.exotrial.security.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.exotrial.security.SecurityProperties;
import org.exotrial.security.access.Role;
import org.exotrial.security.access.SmartScope;

/**
 * What {@code /fhir/.well-known/smart-configuration} and the CapabilityStatement's security section tell clients: where
 * to get a token and how (SMART App Launch 2.x, Backend Services profile).
 */
record SmartConfiguration(String issuer, String tokenEndpoint, String jwksUri, List<String> scopes) {

    static SmartConfiguration of(SecurityProperties security) {
        boolean embedded = security.mode() == SecurityProperties.Mode.EMBEDDED;
        String issuer = trimSlash(security.issuer());
        List<String> scopes = Stream.of(Role.values())
                .flatMap(role -> role.ceiling().stream())
                .map(SmartScope::toString)
                .distinct()
                .sorted()
                .toList();
        return new SmartConfiguration(
                issuer,
                embedded ? issuer + "/oauth2/token" : security.tokenEndpoint().toString(),
                embedded ? issuer + "/oauth2/jwks" : security.jwkSetUri().toString(),
                scopes);
    }

    Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", jwksUri);
        document.put("token_endpoint", tokenEndpoint);
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt"));
        document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        document.put("scopes_supported", scopes);
        document.put("capabilities", List.of("client-confidential-asymmetric", "permission-v1", "permission-v2"));
        return document;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
