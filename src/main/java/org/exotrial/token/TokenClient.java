package org.exotrial.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A SMART Backend Services client: discovers the token endpoint from the server's SMART configuration, signs a client
 * assertion (RS384) with the client's private key and exchanges it for an access token. Used by the {@code token}
 * command and by the tests.
 */
public final class TokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI fhirBase;

    public TokenClient(URI fhirBase) {
        this.fhirBase = fhirBase;
    }

    public URI tokenEndpoint() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(fhirBase + "/.well-known/smart-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("no SMART configuration at " + fhirBase + ": HTTP " + response.statusCode());
        }
        return URI.create(JSON.readTree(response.body()).path("token_endpoint").asText());
    }

    /** The token endpoint's response; {@code access_token} on success, {@code error} otherwise. */
    public HttpResponse<String> requestToken(String clientAssertion, String scope)
            throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&scope=" + encode(scope)
                + "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + encode(clientAssertion);
        return http.send(
                HttpRequest.newBuilder(tokenEndpoint())
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An access token for the client, or an exception saying why the server refused. */
    public String accessToken(String clientId, RSAKey key, String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = requestToken(clientAssertion(clientId, key, tokenEndpoint()), scope);
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
            throw new IOException("token request refused (HTTP " + response.statusCode() + "): " + response.body());
        }
        return body.get("access_token").asText();
    }

    /** A client assertion as SMART Backend Services define it: iss = sub = client id, aud = token endpoint. */
    public static String clientAssertion(String clientId, RSAKey key, URI tokenEndpoint) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId)
                .subject(clientId)
                .audience(tokenEndpoint.toString())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS384)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the client assertion", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
