package org.exotrial.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.exotrial.security.access.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the server ({@code exotrial.security.*}). Tokens come from the embedded authorization server (the
 * default) or from an external identity provider; either way the FHIR endpoint checks issuer, audience, lifetime and
 * signature of every token.
 *
 * @param enabled {@code false} turns every check off: only for measuring what security costs (the benchmark's
 *     baseline); the server then logs a warning on start
 * @param mode {@code embedded} (this server issues tokens at {@code /oauth2/token}) or {@code external}
 * @param issuer the tokens' {@code iss}; for the embedded server also the base of its token endpoint, so it must be
 *     the URL clients reach the server at
 * @param audience the {@code aud} every access token must carry
 * @param roleClaim the access-token claim naming the caller's {@link Role}
 * @param tokenLifetime lifetime of tokens the embedded server issues
 * @param jwkSetUri external mode: where the identity provider publishes its signing keys
 * @param tokenEndpoint external mode: the identity provider's token endpoint, advertised to clients
 * @param clients embedded mode: the clients allowed to obtain tokens
 */
@Validated
@ConfigurationProperties("exotrial.security")
public record SecurityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("embedded") Mode mode,
        @NotBlank String issuer,
        @DefaultValue("exotrial-fhir") String audience,
        @DefaultValue("exotrial_role") String roleClaim,
        @DefaultValue("5m") Duration tokenLifetime,
        URI jwkSetUri,
        URI tokenEndpoint,
        @DefaultValue @Valid List<Client> clients) {

    public enum Mode {
        EMBEDDED,
        EXTERNAL
    }

    /**
     * A backend service allowed to obtain tokens from the embedded authorization server.
     *
     * @param id the OAuth {@code client_id}, also the {@code iss} and {@code sub} of its client assertions
     * @param role what it may ever do
     * @param scopes the SMART system scopes it may be granted
     * @param jwks its public keys as a JWK Set (JSON), or
     * @param publicKeyPem its RSA or EC public key as PEM
     */
    public record Client(
            @NotBlank String id, @NotNull Role role, @NotEmpty List<String> scopes, String jwks, String publicKeyPem) {}

    public SecurityProperties {
        if (mode == Mode.EXTERNAL && (jwkSetUri == null || tokenEndpoint == null)) {
            throw new IllegalArgumentException(
                    "exotrial.security.mode=external needs exotrial.security.jwk-set-uri and exotrial.security.token-endpoint");
        }
    }
}
