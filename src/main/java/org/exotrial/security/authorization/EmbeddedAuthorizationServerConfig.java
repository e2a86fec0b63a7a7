package org.exotrial.security.authorization;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.exotrial.demo.DemoProperties;
import org.exotrial.security.SecurityProperties;
import org.exotrial.security.access.Role;
import org.exotrial.storage.DataProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The embedded authorization server (Spring Authorization Server): the OAuth 2.0 client-credentials grant with
 * {@code private_key_jwt} client authentication, as SMART Backend Services specify. Only the token, JWK Set and
 * metadata endpoints are used; no user logs in here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "exotrial.security.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedAuthorizationServerConfig {

    @Bean
    KeyStore keyStore(DataProperties data) {
        return new KeyStore(data.dir());
    }

    @Bean
    JWKSource<SecurityContext> issuerKeys(KeyStore keys) {
        return new ImmutableJWKSet<>(new JWKSet(keys.issuerKey()));
    }

    @Bean
    RegisteredClientRepository registeredClients(SecurityProperties security, DemoProperties demo, KeyStore keys) {
        List<SecurityProperties.Client> clients = new ArrayList<>(security.clients());
        if (demo.enabled()) {
            clients.addAll(DemoClients.all(keys));
        }
        if (clients.isEmpty()) {
            // A server without clients is still useful (metadata); say why every token request fails.
            org.slf4j.LoggerFactory.getLogger(EmbeddedAuthorizationServerConfig.class)
                    .warn("No OAuth clients configured (exotrial.security.clients): no token can be issued");
            return new NoClients(); // Spring's in-memory repository refuses to be empty
        }
        return new InMemoryRegisteredClientRepository(clients.stream()
                .map(client -> ClientRegistrations.toRegisteredClient(client, security.tokenLifetime()))
                .toList());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SecurityProperties security) {
        return AuthorizationServerSettings.builder().issuer(security.issuer()).build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenClaims(SecurityProperties security) {
        return context -> {
            Role role = ClientRegistrations.role(context.getRegisteredClient());
            context.getClaims().audience(List.of(security.audience())).claim(security.roleClaim(), role.claim());
        };
    }

    /**
     * Client-credentials tokens are self-contained JWTs checked by signature alone, so nothing needs to be kept per
     * token: Spring's default service would hold every token ever issued in memory.
     */
    @Bean
    OAuth2AuthorizationService authorizations() {
        return new StatelessAuthorizationService();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, RegisteredClientRepository clients)
            throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(
                        server,
                        configurer -> configurer.clientAuthentication(authentication -> authentication
                                .authenticationConverters(
                                        converters -> converters.add(0, new SmartClientAssertionConverter()))
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
                                        // Client keys come from configuration, not from a JWK Set URL per client.
                                        assertions.setJwtDecoderFactory(new ClientAssertionDecoders());
                                    }
                                }))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /** No client is registered: every token request is refused as from an unknown client. */
    private static final class NoClients implements RegisteredClientRepository {

        @Override
        public void save(org.springframework.security.oauth2.server.authorization.client.RegisteredClient client) {
            throw new UnsupportedOperationException("clients are declared in exotrial.security.clients");
        }

        @Override
        public org.springframework.security.oauth2.server.authorization.client.RegisteredClient findById(String id) {
            return null;
        }

        @Override
        public org.springframework.security.oauth2.server.authorization.client.RegisteredClient findByClientId(
                String clientId) {
            return null;
        }
    }
}
