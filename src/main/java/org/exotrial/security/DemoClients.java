package org.exotrial.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * One client per role for local runs, on only in demo mode: {@code demo-<role>}, allowed its role's whole ceiling,
 * with a private key the server creates under the data directory so the token command can sign its assertions.
 */
public final class DemoClients {

    private DemoClients() {}

    public static String clientId(Role role) {
        return "demo-" + role.claim();
    }

    static List<SecurityProperties.Client> all(KeyStore keys) {
        return Stream.of(Role.values())
                .map(role -> new SecurityProperties.Client(
                        clientId(role),
                        role,
                        role.ceiling().stream().map(SmartScope::toString).toList(),
                        new JWKSet(keys.demoClientKey(role)).toPublicJWKSet().toString(),
                        null))
                .toList();
    }
}
