package org.exotrial.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's bearer-token resolution without its regular expression for the usual request. Spring matches the
 * whole {@code Authorization} header against a case-insensitive pattern, which tests every character of a ~1,000
 * character JWT against each range of the token alphabet: 6 % of the request threads' CPU in a profile of reads by id
 * (docs/benchmarks.md). A header of the form {@code Bearer <token>} over RFC 6750's {@code b64token} alphabet is read
 * here with a plain scan; every other request (no such header, a malformed one) goes to Spring's resolver, so its
 * errors stay exactly Spring's. Like Spring's resolver as configured, this one never reads a token from the query
 * string or a form body (RFC 6750 advises against tokens in URIs).
 */
final class BearerHeader implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";

    private final BearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = wellFormed(request.getHeader(HttpHeaders.AUTHORIZATION));
        return token != null ? token : spring.resolve(request);
    }

    /** The token of a header Spring's pattern would accept, or {@code null} to let Spring decide. */
    static String wellFormed(String header) {
        if (header == null
                || header.length() <= SCHEME.length()
                || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        int end = header.length();
        while (end > SCHEME.length() && header.charAt(end - 1) == '=') {
            end--; // padding, only at the end
        }
        if (end == SCHEME.length()) {
            return null;
        }
        for (int i = SCHEME.length(); i < end; i++) {
            if (!isTokenCharacter(header.charAt(i))) {
                return null;
            }
        }
        return header.substring(SCHEME.length());
    }

    /** RFC 6750's {@code b64token} characters, less the trailing {@code =}. */
    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
