package org.exotrial.token;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.exotrial.security.access.Role;
import org.exotrial.security.authorization.DemoClients;
import org.exotrial.security.authorization.KeyStore;

/**
 * {@code java -jar exotrial-server.jar token <role> [--server=URL] [--data-dir=DIR]} (or, from the source tree, {@code
 * bin/token <role>}): prints an access token of a
 * demo client, for curl and scripts. It signs the client assertion with the demo key the server (in demo mode) keeps
 * under the data directory, so it must run on the server's machine.
 */
public final class TokenCommand {

    private TokenCommand() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** {@code args}: the role, then options. */
    public static int run(String[] args) throws Exception {
        Role role = args.length > 0 ? Role.ofClaim(args[0]) : null;
        if (role == null) {
            System.err.println("usage: token <ehr|analyst|statistician|registry|admin> [--server=http://localhost:8080]"
                    + " [--data-dir=./data]");
            return 2;
        }
        Map<String, String> options = java.util.Arrays.stream(args)
                .skip(1)
                .filter(arg -> arg.startsWith("--") && arg.contains("="))
                .collect(Collectors.toMap(
                        arg -> arg.substring(2, arg.indexOf('=')), arg -> arg.substring(arg.indexOf('=') + 1)));
        String server = options.getOrDefault("server", "http://localhost:8080");
        Path dataDir =
                Path.of(options.getOrDefault("data-dir", System.getenv().getOrDefault("EXOTRIAL_DATA_DIR", "./data")));
        Path keyFile = KeyStore.demoClientKeyFile(dataDir, role);
        if (!Files.exists(keyFile)) {
            System.err.println("no demo key at " + keyFile + ": start the server in demo mode on this data directory");
            return 1;
        }
        String scope = DemoClients.scope(role);
        TokenClient client = new TokenClient(URI.create(server + "/fhir"));
        System.out.println(client.accessToken(DemoClients.clientId(role), KeyStore.read(keyFile), scope));
        return 0;
    }
}
