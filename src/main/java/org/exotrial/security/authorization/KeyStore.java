package org.exotrial.security.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;
import org.exotrial.security.access.Role;
import org.exotrial.storage.OwnerOnlyFiles;

/**
 * Private keys kept under the data directory ({@code <data>/security}): created on first use, reused afterwards, so
 * tokens and demo clients survive a restart. Files are readable by the owner only.
 */
public final class KeyStore {

    private final Path directory;

    public KeyStore(Path dataDirectory) {
        this.directory = dataDirectory.resolve("security");
    }

    /** The RSA key the embedded authorization server signs access tokens with. */
    public RSAKey issuerKey() {
        return loadOrCreate(directory.resolve("issuer-key.json"), JWSAlgorithm.RS256);
    }

    /** A demo client's RSA key (RS384, as SMART Backend Services asks of client assertions). */
    public RSAKey demoClientKey(Role role) {
        return loadOrCreate(demoClientKeyFile(directory.getParent(), role), JWSAlgorithm.RS384);
    }

    /** Where the demo client key of a role is kept; the token command reads it from there. */
    public static Path demoClientKeyFile(Path dataDirectory, Role role) {
        return dataDirectory.resolve("security").resolve("demo-clients").resolve(role.claim() + ".json");
    }

    /** Where the scope a demo client asks for is kept, beside its key, for {@code bin/token}. */
    public static Path demoClientScopeFile(Path dataDirectory, Role role) {
        return dataDirectory.resolve("security").resolve("demo-clients").resolve(role.claim() + ".scope");
    }

    void writeDemoClientScope(Role role, String scope) {
        try {
            OwnerOnlyFiles.write(demoClientScopeFile(directory.getParent(), role), scope);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RSAKey read(Path file) throws IOException {
        try {
            return JWK.parse(Files.readString(file)).toRSAKey();
        } catch (ParseException e) {
            throw new IOException("not an RSA JWK: " + file, e);
        }
    }

    private static synchronized RSAKey loadOrCreate(Path file, JWSAlgorithm algorithm) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(algorithm)
                    .generate();
            OwnerOnlyFiles.write(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }
}
