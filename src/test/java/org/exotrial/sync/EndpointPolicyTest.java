package org.exotrial.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.exotrial.sync.EndpointPolicy.EndpointRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where notifications may go: public https hosts, and the hosts the operator lists. */
class EndpointPolicyTest {

    /** Names as a test DNS knows them; any other name does not resolve. */
    private static final Map<String, String> DNS = Map.of(
            "registry.example.org", "93.184.216.34",
            "intranet.hospital.example", "10.1.2.3",
            "rebound.example.org", "169.254.169.254");

    private static final EndpointPolicy POLICY = new EndpointPolicy(List.of(" receiver.lan ", "10.9.9.9"), host -> {
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
    });

    @Test
    void aPublicHttpsEndpointPasses() {
        assertThatCode(() -> check("https://registry.example.org/hook")).doesNotThrowAnyException();
        assertThatCode(() -> check("https://93.184.216.34:8443/hook")).doesNotThrowAnyException();
    }

    @Test
    void plainHttpIsRefusedUnlessTheHostIsListed() {
        assertThatThrownBy(() -> check("http://registry.example.org/hook"))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("https")
                .hasMessageContaining(EndpointPolicy.PROPERTY);
        assertThatCode(() -> check("http://receiver.lan:8080/hook")).doesNotThrowAnyException();
        assertThatCode(() -> check("http://RECEIVER.lan/hook")).doesNotThrowAnyException();
    }

    @Test
    void userInfoIsRefusedEvenOnAListedHost() {
        assertThatThrownBy(() -> check("https://user:secret@registry.example.org/hook"))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("user information");
        assertThatThrownBy(() -> check("https://user@receiver.lan/hook")).isInstanceOf(EndpointRefused.class);
    }

    @Test
    void aRelativeOrHostlessUrlIsRefused() {
        assertThatThrownBy(() -> check("/hook")).isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> check("mailto:registry@example.org")).isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> check("https:///hook")).isInstanceOf(EndpointRefused.class);
        assertThatThrownBy(() -> check("https://127.1/hook")).isInstanceOf(EndpointRefused.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://2130706433/hook",
                "https://[::1]/hook",
                "https://0.0.0.0/hook",
                "https://[::]/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://[fe80::1]/hook",
                "https://10.0.0.1/hook",
                "https://172.16.5.4/hook",
                "https://172.31.255.255/hook",
                "https://192.168.1.1/hook",
                "https://100.64.0.1/hook",
                "https://100.127.255.254/hook",
                "https://[fc00::1]/hook",
                "https://[fd12:3456::1]/hook",
                "https://224.0.0.1/hook",
                "https://[ff02::1]/hook",
                "https://255.255.255.255/hook",
                "https://[::ffff:127.0.0.1]/hook"
            })
    void aNonPublicAddressIsRefused(String endpoint) {
        assertThatThrownBy(() -> check(endpoint))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining(EndpointPolicy.PROPERTY);
    }

    @Test
    void addressesNextToThePrivateRangesArePublic() {
        for (String endpoint :
                List.of("https://172.32.0.1/", "https://100.128.0.1/", "https://11.0.0.1/", "https://[2001:db8::1]/")) {
            assertThatCode(() -> check(endpoint)).as(endpoint).doesNotThrowAnyException();
        }
    }

    @Test
    void aNameThatResolvesToANonPublicAddressIsRefused() {
        assertThatThrownBy(() -> check("https://intranet.hospital.example/hook"))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("a private address (10.1.2.3)");
        assertThatThrownBy(() -> check("https://rebound.example.org/hook")).hasMessageContaining("link-local");
    }

    @Test
    void aListedHostPassesWhateverItsAddress() {
        assertThatCode(() -> check("https://10.9.9.9/hook")).doesNotThrowAnyException();
        assertThatCode(() -> POLICY.checkAddresses("receiver.lan", InetAddress.getByName("127.0.0.1")))
                .doesNotThrowAnyException();
    }

    @Test
    void aNameThatDoesNotResolvePassesForDeliveryToCheckAtConnectTime() {
        assertThatCode(() -> check("https://not-yet.example.org/hook")).doesNotThrowAnyException();
    }

    @Test
    void deliveryChecksTheAddressesItConnectsTo() throws Exception {
        assertThatThrownBy(() -> POLICY.checkAddresses(
                        "registry.example.org",
                        InetAddress.getByName("93.184.216.34"),
                        InetAddress.getByName("192.168.0.10")))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("192.168.0.10");
        assertThat(EndpointPolicy.nonPublicKind(InetAddress.getByName("93.184.216.34")))
                .isNull();
    }

    @Test
    void withoutAnAllowListLocalhostIsRefused() {
        EndpointPolicy strict = new EndpointPolicy(List.of());
        assertThatThrownBy(() -> strict.check(URI.create("https://127.0.0.1:8443/hook")))
                .isInstanceOf(EndpointRefused.class)
                .hasMessageContaining("loopback");
        EndpointPolicy demo = new EndpointPolicy(SyncConfig.DEMO_HOSTS);
        assertThatCode(() -> demo.check(URI.create("http://localhost:9/hook"))).doesNotThrowAnyException();
    }

    private static void check(String endpoint) {
        POLICY.check(URI.create(endpoint));
    }
}
