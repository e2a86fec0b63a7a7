package org.exotrial.security.access;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/** A validated access token, read as a {@link Caller}; authority {@code ROLE_<role>} for Spring's URL rules. */
public final class CallerAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    private final Caller caller;

    public CallerAuthentication(Jwt jwt, Caller caller) {
        super(
                jwt,
                caller,
                jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + caller.role().claim())));
        this.caller = caller;
        setAuthenticated(true);
    }

    public Caller caller() {
        return caller;
    }

    @Override
    public java.util.Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return caller.clientId();
    }
}
