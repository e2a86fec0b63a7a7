package org.exotrial.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.security.authorization.KeyStore;
import org.exotrial.support.Keys;
import org.exotrial.support.ServerIT;
import org.exotrial.token.TokenClient;
import org.junit.jupiter.api.Test;

/** Token flows: what gets a token, what a token must be to be accepted, and what the public endpoints say. */
class SecurityIT extends ServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noTokenIs401WithAChallengeAndAnOperationOutcome() throws Exception {
        HttpResponse<String> response = send(anonymousRequest("/Patient"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(response.body())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"login\"");
    }

    @Test
    void metadataAndSmartConfigurationArePublicAndAccurate() throws Exception {
        HttpResponse<String> metadata = send(anonymousRequest("/metadata").header("Accept", "application/fhir+json"));
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("SMART-on-FHIR").contains("oauth-uris");

        HttpResponse<String> smart = send(anonymousRequest("/.well-known/smart-configuration"));
        assertThat(smart.statusCode()).isEqualTo(200);
        var document = JSON.readTree(smart.body());
        String tokenEndpoint = document.get("token_endpoint").asText();
        assertThat(tokenEndpoint).isEqualTo("http://localhost:" + port + "/oauth2/token");
        assertThat(metadata.body()).contains(tokenEndpoint);
        assertThat(document.get("token_endpoint_auth_methods_supported").toString())
                .contains("private_key_jwt");
        assertThat(document.get("grant_types_supported").toString()).contains("client_credentials");
        // The advertised JWK Set verifies the server's tokens.
        HttpResponse<String> jwks =
                send(HttpRequest.newBuilder(URI.create(document.get("jwks_uri").asText())));
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.body()).contains(issuerKey().getKeyID()).doesNotContain("\"d\":");
    }

    @Test
    void aValidTokenIsAccepted() throws Exception {
        assertThat(send(request("/Patient/fistula-patient", Role.ANALYST)).statusCode())
                .isEqualTo(200);
    }

    /**
     * Spring Security's firewall guards every header: a control character in the token's header is refused with an
     * OperationOutcome, before any token is looked at, and without the header echoed back. The JDK's HTTP client will
     * not send one, so the request goes over a plain socket; Tomcat reads header bytes as ISO-8859-1, so the byte 0x85
     * arrives as U+0085, a control character. The same request without it is answered, so the socket path itself
     * works.
     */
    @Test
    void aControlCharacterInAHeaderIs400() throws Exception {
        String header = "Bearer " + token(Role.ANALYST);
        assertThat(rawGet("/fhir/Patient/fistula-patient", header)).startsWith("HTTP/1.1 200");
        assertThat(rawGet("/fhir/Patient/fistula-patient", header + "\u0085"))
                .startsWith("HTTP/1.1 400")
                .contains("\"resourceType\":\"OperationOutcome\"")
                .doesNotContain(token(Role.ANALYST));
    }

    private String rawGet(String path, String authorization) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void expiredWrongAudienceWrongIssuerAndForgedTokensAre401() throws Exception {
        String issuer = "http://localhost:" + port;
        Instant now = Instant.now();
        RSAKey key = issuerKey();
        assertThat(status(mint(key, issuer, "exotrial-fhir", now.minusSeconds(600))))
                .isEqualTo(401);
        assertThat(status(mint(key, issuer, "another-api", now.plusSeconds(300))))
                .isEqualTo(401);
        assertThat(status(mint(key, "https://idp.example.org", "exotrial-fhir", now.plusSeconds(300))))
                .isEqualTo(401);
        assertThat(status(mint(Keys.rsa(), issuer, "exotrial-fhir", now.plusSeconds(300))))
                .isEqualTo(401);
        // The same token correctly made is accepted: the four refusals are for the one thing each got wrong.
        assertThat(status(mint(key, issuer, "exotrial-fhir", now.plusSeconds(300))))
                .isEqualTo(200);
    }

    @Test
    void unknownClientsAndWrongKeysGetNoToken() throws Exception {
        TokenClient client = new TokenClient(URI.create(baseUrl()));
        URI endpoint = client.tokenEndpoint();
        HttpResponse<String> unknown = client.requestToken(
                TokenClient.clientAssertion("no-such-client", Keys.rsa(), endpoint), "system/Patient.rs");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("invalid_client");

        HttpResponse<String> wrongKey = client.requestToken(
                TokenClient.clientAssertion(DemoClients.clientId(Role.ANALYST), Keys.rsa(), endpoint),
                "system/Patient.rs");
        assertThat(wrongKey.statusCode()).isEqualTo(401);

        RSAKey analystKey = KeyStore.read(KeyStore.demoClientKeyFile(dataDir(), Role.ANALYST));
        HttpResponse<String> tooMuch = client.requestToken(
                TokenClient.clientAssertion(DemoClients.clientId(Role.ANALYST), analystKey, endpoint),
                "system/Patient.cruds");
        assertThat(tooMuch.statusCode()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("invalid_scope");
    }

    @Test
    void aMissingScopeIs403WithAnOperationOutcome() throws Exception {
        RSAKey analystKey = KeyStore.read(KeyStore.demoClientKeyFile(dataDir(), Role.ANALYST));
        String narrow = new TokenClient(URI.create(baseUrl()))
                .accessToken(DemoClients.clientId(Role.ANALYST), analystKey, "system/Patient.rs");
        HttpResponse<String> allowed =
                send(anonymousRequest("/Patient/fistula-patient").header("Authorization", "Bearer " + narrow));
        assertThat(allowed.statusCode()).isEqualTo(200);
        HttpResponse<String> refused =
                send(anonymousRequest("/Observation?_count=1").header("Authorization", "Bearer " + narrow));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body())
                .contains("OperationOutcome")
                .contains("searching Observation")
                .contains("system/Observation.s");
    }

    @Test
    void scopesAreEnforcedOnEveryBundleEntry() throws Exception {
        String mrn = unique("mrn");
        String transaction =
                """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"resource":{"resourceType":"Patient","identifier":[{"system":"%s","value":"%s"}]},
                   "request":{"method":"POST","url":"Patient"}},
                  {"request":{"method":"DELETE","url":"Patient/fistula-patient"}}]}"""
                        .formatted(MRN, mrn);
        HttpResponse<String> response = send(request("", Role.EHR)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(transaction)));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(patientsWithMrn(mrn)).isEmpty();
        assertThat(send(request("/Patient/fistula-patient")).statusCode()).isEqualTo(200);
    }

    @Test
    void aRegistryManagesOnlyItsOwnSubscriptions() throws Exception {
        String own = createSubscription(Role.REGISTRY, "https://registry.example.org/hook");
        String others = createSubscription(Role.ADMIN, "https://other.example.org/secret-hook");

        assertThat(send(request("/Subscription/" + own, Role.REGISTRY)).statusCode())
                .isEqualTo(200);
        HttpResponse<String> foreign = send(request("/Subscription/" + others, Role.REGISTRY));
        assertThat(foreign.statusCode()).isIn(403, 404);
        assertThat(foreign.body()).doesNotContain("secret-hook");
        HttpResponse<String> search = send(request("/Subscription?_count=200", Role.REGISTRY));
        assertThat(search.body()).contains(own).doesNotContain(others).doesNotContain("secret-hook");
        assertThat(send(request("/Subscription/" + others, Role.REGISTRY).DELETE())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(request("/Subscription/" + others)).statusCode())
                .as("still there")
                .isEqualTo(200);
        assertThat(send(request("/Subscription/" + own, Role.REGISTRY).DELETE()).statusCode())
                .isIn(200, 204);
    }

    private String createSubscription(Role role, String endpoint) throws Exception {
        // A topic subscription of the backport profile: the only kind the server admits (sync.SubscriptionAdmission).
        String body = "{\"resourceType\":\"Subscription\",\"meta\":{\"profile\":[\"http://hl7.org/fhir/uv/"
                + "subscriptions-backport/StructureDefinition/backport-subscription\"]},\"status\":\"off\","
                + "\"reason\":\"outcomes\",\"criteria\":\"https://exotrial.org/fhir/SubscriptionTopic/outcome-recorded\","
                + "\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"" + endpoint + "\","
                + "\"payload\":\"application/fhir+json\"}}";
        HttpResponse<String> created = send(request("/Subscription", role)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.replaceAll(".*/Subscription/([^/]+)/_history.*", "$1");
    }

    private int status(String token) throws Exception {
        return send(anonymousRequest("/Patient/fistula-patient").header("Authorization", "Bearer " + token))
                .statusCode();
    }

    private RSAKey issuerKey() throws Exception {
        return KeyStore.read(dataDir().resolve("security").resolve("issuer-key.json"));
    }

    private static String mint(RSAKey key, String issuer, String audience, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("demo-analyst")
                .audience(List.of(audience))
                .issueTime(Date.from(expires.minusSeconds(300)))
                .expirationTime(Date.from(expires))
                .claim("client_id", "demo-analyst")
                .claim("scope", "system/Patient.rs")
                .claim("exotrial_role", "analyst")
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
