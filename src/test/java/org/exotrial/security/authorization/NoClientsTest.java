package org.exotrial.security.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.exotrial.demo.DemoProperties;
import org.exotrial.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/** A server configured without clients (plain {@code java -jar}, Docker) must start and refuse every token. */
class NoClientsTest {

    @Test
    void withoutClientsTheRepositoryIsEmptyInsteadOfFailingStartup(@TempDir Path data) {
        SecurityProperties noClients = new SecurityProperties(
                true,
                SecurityProperties.Mode.EMBEDDED,
                "http://localhost:8080",
                "exotrial-fhir",
                "exotrial_role",
                Duration.ofMinutes(5),
                null,
                null,
                List.of());

        RegisteredClientRepository clients = new EmbeddedAuthorizationServerConfig()
                .registeredClients(noClients, new DemoProperties(false, 0), new KeyStore(data));

        assertThat(clients.findByClientId("demo-admin")).isNull();
        assertThat(clients.findById("demo-admin")).isNull();
    }
}
