package org.exotrial.security.resourceserver;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.exotrial.security.access.Caller;
import org.exotrial.security.access.CallerAuthentication;
import org.exotrial.security.access.Role;
import org.exotrial.security.access.SmartScope;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.jwt.Jwt;

/** Reads a validated access token as a {@link Caller}: client id, role claim and SMART system scopes. */
final class CallerTokenConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String roleClaim;

    CallerTokenConverter(String roleClaim) {
        this.roleClaim = roleClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Role role = Role.ofClaim(jwt.getClaimAsString(roleClaim));
        if (role == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error(
                    OAuth2ErrorCodes.INVALID_TOKEN,
                    "The token carries no known role in claim '" + roleClaim + "'",
                    null));
        }
        String client = Objects.requireNonNullElse(jwt.getClaimAsString("client_id"), jwt.getSubject());
        List<SmartScope> scopes = scopeTexts(jwt).stream()
                .map(SmartScope::parse)
                .filter(Objects::nonNull)
                .toList();
        return new CallerAuthentication(jwt, new Caller(client, role, scopes));
    }

    /** {@code scope} is a space-separated string in most tokens and a list in Spring Authorization Server's. */
    private static List<String> scopeTexts(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return scope == null ? List.of() : List.of(scope.toString().split(" "));
    }
}
