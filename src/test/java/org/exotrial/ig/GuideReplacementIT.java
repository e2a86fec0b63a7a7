package org.exotrial.ig;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.packages.IHapiPackageCacheManager;
import ca.uhn.fhir.jpa.packages.IPackageInstallerSvc;
import ca.uhn.fhir.jpa.packages.PackageInstallationSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A data directory that an older jar filled holds that jar's guide under the same name and version. The guide the
 * running jar carries must replace it, once: the next start finds it installed.
 */
@ExtendWith(OutputCaptureExtension.class)
class GuideReplacementIT extends ServerIT {

    /** The guide the running server installed from its jar. */
    @Autowired
    ImplementationGuide guide;

    @Autowired
    IPackageInstallerSvc installer;

    @Autowired
    IHapiPackageCacheManager packageCache;

    @Autowired
    DaoRegistry daoRegistry;

    @Test
    void anOlderJarsGuideOfTheSameVersionIsReplacedOnce(CapturedOutput output) throws IOException {
        byte[] older = regzipped(guide.bytes());
        assertThat(older).as("the same package, other bytes").isNotEqualTo(guide.bytes());
        packageCache.uninstallPackage(guide.name(), guide.version());
        packageCache.installPackage(new PackageInstallationSpec()
                .setName(guide.name())
                .setVersion(guide.version())
                .setPackageContents(older));
        assertThat(storedDigest()).isEqualTo(digest(older));

        GuideInstaller startup = new GuideInstaller(installer, packageCache, daoRegistry);
        startup.install(guide);
        assertThat(storedDigest()).as("the running jar's guide is stored").isEqualTo(digest(guide.bytes()));
        String skipped = guide.name() + "#" + guide.version() + " is already installed";
        assertThat(output.getOut()).doesNotContain(skipped);

        startup.install(guide);
        assertThat(output.getOut()).as("the next start installs nothing").contains(skipped);
    }

    private String storedDigest() {
        return digest(
                packageCache.loadPackageContents(guide.name(), guide.version()).getBytes());
    }

    /** A short stand-in for a package's bytes in assertion messages. */
    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The package's tar, compressed again at another level: what another build of the same guide looks like. */
    private static byte[] regzipped(byte[] tgz) throws IOException {
        byte[] tar;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            tar = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(tar);
        }
        return out.toByteArray();
    }
}
