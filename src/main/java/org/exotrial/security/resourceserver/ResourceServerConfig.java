package org.exotrial.security.resourceserver;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.Set;
import org.exotrial.security.SecurityProperties;
import org.exotrial.security.access.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Everything but the authorization server's own endpoints needs a valid access token, except the public metadata:
 * the CapabilityStatement, the SMART configuration and the health probe. Which FHIR interactions a token allows is
 * decided later, in the FHIR layer ({@code security.access}), where resource types and bundle entries are known.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ResourceServerConfig {

    /** Algorithms accepted on access tokens (Keycloak signs with RS256 by default). */
    private static final Set<JWSAlgorithm> ACCESS_TOKEN_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

    @Bean
    JwtDecoder accessTokenDecoder(SecurityProperties security, ObjectProvider<JWKSource<SecurityContext>> issuerKeys) {
        NimbusJwtDecoder decoder;
        if (security.mode() == SecurityProperties.Mode.EXTERNAL) {
            decoder = NimbusJwtDecoder.withJwkSetUri(security.jwkSetUri().toString())
                    .jwsAlgorithms(algorithms -> algorithms.addAll(ACCESS_TOKEN_ALGORITHMS.stream()
                            .map(a -> org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.from(a.getName()))
                            .toList()))
                    .build();
        } else {
            // Embedded mode verifies against the issuer's key in memory: no HTTP round trip to ourselves.
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(
                    new JWSVerificationKeySelector<>(ACCESS_TOKEN_ALGORITHMS, issuerKeys.getObject()));
            decoder = new NimbusJwtDecoder(processor);
        }
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<java.util.List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(security.audience()));
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(security.issuer()), audience);
        decoder.setJwtValidator(claims);
        return new VerifiedTokens(decoder, claims);
    }

    /** Spring Security uses this bean for every request its firewall refuses, whichever chain it was meant for. */
    @Bean
    RequestRejectedHandler requestRejected(FhirContext fhir) {
        return new OperationOutcomeErrors(fhir)::rejected;
    }

    @Bean
    @Order(2)
    SecurityFilterChain fhirChain(HttpSecurity http, JwtDecoder decoder, SecurityProperties security, FhirContext fhir)
            throws Exception {
        if (!security.enabled()) {
            org.slf4j.LoggerFactory.getLogger(ResourceServerConfig.class)
                    .warn("SECURITY IS OFF (exotrial.security.enabled=false): anyone can read and write everything");
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(csrf -> csrf.disable())
                    .build();
        }
        OperationOutcomeErrors errors = new OperationOutcomeErrors(fhir);
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET,
                                "/fhir/metadata",
                                "/fhir/.well-known/smart-configuration",
                                "/actuator/health",
                                "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/hl7v2")
                        .hasAnyRole(Role.EHR.claim(), Role.ADMIN.claim())
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(decoder)
                                .jwtAuthenticationConverter(new CallerTokenConverter(security.roleClaim())))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                // Bearer tokens only: no session, no cookie, hence no CSRF exposure.
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
