package org.exotrial.security.resourceserver;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers access tokens whose signature was verified, so a client's next request with the same token is not verified
 * again: the RSA check was 12 % of the request threads' CPU during the benchmark's reads by id (docs/benchmarks.md).
 * Only the exact token text is remembered, so a changed byte is a different token and is verified in full; the claim
 * checks (issuer, audience, expiry) run on every request, so a remembered token still stops working when it expires.
 * A token is remembered for at most {@link #REMEMBERED}, which bounds how long one signed by a key the issuer has since
 * withdrawn is still accepted.
 */
final class VerifiedTokens implements JwtDecoder {

    private static final Duration REMEMBERED = Duration.ofMinutes(5);
    private static final int MOST_TOKENS = 10_000;

    private final JwtDecoder verifying;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Cache<String, Jwt> verified = Caffeine.newBuilder()
            .maximumSize(MOST_TOKENS)
            .expireAfterWrite(REMEMBERED)
            .build();

    /**
     * @param verifying decodes, verifies the signature and validates the claims
     * @param claims the claim checks that {@code verifying} runs, repeated for a remembered token
     */
    VerifiedTokens(JwtDecoder verifying, OAuth2TokenValidator<Jwt> claims) {
        this.verifying = verifying;
        this.claims = claims;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifying.decode(token); // throws for a bad signature or claims; nothing is remembered then
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = claims.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(token);
            throw new JwtValidationException("The token is no longer valid", result.getErrors());
        }
        return known;
    }
}
