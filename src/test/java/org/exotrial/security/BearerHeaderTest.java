package org.exotrial.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The fast path must answer exactly as Spring's resolver does: the same token, or the same refusal. */
class BearerHeaderTest {

    private static final String JWT = "eyJraWQiOiJrMSIsImFsZyI6IlJTMzg0In0.eyJzdWIiOiJhbmFseXN0In0.c2ln-_~+/ature";

    private final BearerTokenResolver spring = new DefaultBearerTokenResolver();
    private final BearerTokenResolver ours = new BearerHeader();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Bearer " + JWT,
                "bearer " + JWT,
                "BEARER " + JWT,
                "Bearer " + JWT + "==",
                "Bearer abc=def",
                "Bearer " + JWT + " ",
                "Bearer  " + JWT,
                "Bearer " + JWT + "\t",
                "Bearer ",
                "Bearer ==",
                "Bearer",
                "Bearerx " + JWT,
                "Basic YWRtaW46c2VjcmV0",
                "Bearer a,b",
                "Bearer é",
                ""
            })
    void headerAnsweredAsSpringAnswersIt(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
        request.addHeader("Authorization", header);

        assertThat(outcome(ours, request)).isEqualTo(outcome(spring, request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void anAccessTokenParameterIsIgnoredAsSpringIgnoresIt(String method) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/fhir/Patient");
        request.addHeader("Authorization", "Bearer " + JWT);
        if (method.equals("GET")) {
            request.setQueryString("access_token=other");
        } else {
            request.setContentType("application/x-www-form-urlencoded");
        }
        request.addParameter("access_token", "other");

        assertThat(outcome(ours, request)).isEqualTo("token:" + JWT).isEqualTo(outcome(spring, request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Authorization"})
    void noBearerHeaderResolvesNothing(String headerName) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Patient");
        if (!headerName.isEmpty()) {
            request.addHeader(headerName, "Basic YWRtaW46c2VjcmV0");
        }

        assertThat(ours.resolve(request)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER "})
    void aWellFormedHeaderIsReadWithoutSpring(String scheme) {
        assertThat(BearerHeader.wellFormed(scheme + JWT + "=")).isEqualTo(JWT + "=");
    }

    /** What a resolver made of the request: its token, or its error's code and description. */
    private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            return "token:" + resolver.resolve(request);
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }
}
