package org.exotrial.security.authorization;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.exotrial.security.SecurityProperties;
import org.exotrial.security.access.Role;
import org.exotrial.security.access.SmartScope;

/**
 * One client per role for local runs, on only in demo mode: {@code demo-<role>}, allowed its role's whole ceiling,
 * with a private key the server creates under the data directory so the token command can sign its assertions.
 */
public final class DemoClients {

    private DemoClients() {}

    public static String clientId(Role role) {
        return "demo-" + role.claim();
    }

    /** A role's whole ceiling as a scope parameter: what a demo client is registered for and asks for. */
    public static String scope(Role role) {
        return role.ceiling().stream().map(SmartScope::toString).collect(Collectors.joining(" "));
    }

    /**
     * The demo clients, their keys created on first use. Each role's scope is written beside its key, so that
     * {@code bin/token} (a short Node script, no JVM) can ask for it without knowing the roles.
     */
    static List<SecurityProperties.Client> all(KeyStore keys) {
        Stream.of(Role.values()).forEach(role -> keys.writeDemoClientScope(role, scope(role)));
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
