package org.exotrial.security.authorization;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.List;
import org.exotrial.security.SecurityProperties;
import org.exotrial.security.access.Role;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/** Turns configured clients into Spring Authorization Server registrations, keeping their role and public keys. */
final class ClientRegistrations {

    private static final String ROLE = "exotrial.role";
    private static final String JWKS = "exotrial.jwks";

    private ClientRegistrations() {}

    static RegisteredClient toRegisteredClient(SecurityProperties.Client client, java.time.Duration tokenLifetime) {
        JWKSet keys = publicKeys(client);
        return RegisteredClient.withId(client.id())
                .clientId(client.id())
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .clientSettings(ClientSettings.builder()
                        .setting(ROLE, client.role())
                        .setting(JWKS, keys.toString(true))
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(tokenLifetime)
                        .build())
                .build();
    }

    static Role role(RegisteredClient client) {
        return client.getClientSettings().getSetting(ROLE);
    }

    static JWKSet keys(RegisteredClient client) {
        try {
            return JWKSet.parse((String) client.getClientSettings().getSetting(JWKS));
        } catch (ParseException e) {
            throw new IllegalStateException("stored client keys do not parse", e);
        }
    }

    private static JWKSet publicKeys(SecurityProperties.Client client) {
        try {
            if (client.jwks() != null && !client.jwks().isBlank()) {
                return JWKSet.parse(client.jwks()).toPublicJWKSet();
            }
            if (client.publicKeyPem() != null && !client.publicKeyPem().isBlank()) {
                return new JWKSet(List.of(
                        JWK.parseFromPEMEncodedObjects(client.publicKeyPem()).toPublicJWK()));
            }
        } catch (ParseException | com.nimbusds.jose.JOSEException e) {
            throw new IllegalArgumentException(
                    "client " + client.id() + ": public key does not parse: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("client " + client.id() + " needs jwks or public-key-pem");
    }
}
