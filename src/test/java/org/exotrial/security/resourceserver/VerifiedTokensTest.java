package org.exotrial.security.resourceserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.exotrial.support.Keys;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Real RS384 tokens through Spring's Nimbus decoder; only the number of signature checks is counted. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private final RSAKey key = Keys.rsa();
    private final MovableClock clock = new MovableClock(NOW);
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
    private final VerifiedTokens tokens;

    VerifiedTokensTest() throws JOSEException {
        timestamps.setClock(clock);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey())
                .signatureAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS384)
                .build();
        nimbus.setJwtValidator(timestamps);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        tokens = new VerifiedTokens(counting, timestamps);
    }

    @Test
    void aTokenIsVerifiedOnceAndThenRecognised() throws JOSEException {
        String token = signed(key, NOW.plusSeconds(600));
        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);
        assertThat(second.getSubject()).isEqualTo(first.getSubject()).isEqualTo("analyst-1");
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aRememberedTokenStopsWorkingWhenItExpires() throws JOSEException {
        String token = signed(key, NOW.plusSeconds(60));
        tokens.decode(token);
        clock.now = NOW.plusSeconds(61);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class);
        assertThat(verifications).as("verified again after being forgotten").hasValue(2);
    }

    @Test
    void aTokenWithAnotherSignatureIsNeverAccepted() throws JOSEException {
        tokens.decode(signed(key, NOW.plusSeconds(600)));
        String forged = signed(Keys.rsa(), NOW.plusSeconds(600));
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verifications).as("a rejected token is not remembered").hasValue(3);
    }

    private static String signed(RSAKey signer, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS384)
                        .keyID(signer.getKeyID())
                        .build(),
                new JWTClaimsSet.Builder()
                        .subject("analyst-1")
                        .issueTime(Date.from(NOW))
                        .expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
