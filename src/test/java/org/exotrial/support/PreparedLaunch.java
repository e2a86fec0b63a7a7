package org.exotrial.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server's production launch, as the Docker image starts it: the packaged jar extracted, with a class-data sharing
 * archive made by {@code bin/prepare-launch} (decision 36). Made once per test JVM, in {@code target/launch}.
 */
public final class PreparedLaunch {

    private static final Path DIR = Path.of("target", "launch").toAbsolutePath();
    private static final long TIMEOUT_MINUTES = 10;
    private static PreparedLaunch made;

    private final Path jar;
    private final Path archive;

    private PreparedLaunch(Path jar, Path archive) {
        this.jar = jar;
        this.archive = archive;
    }

    /** Runs {@code bin/prepare-launch} on the packaged jar the first time it is asked for. */
    public static synchronized PreparedLaunch get() throws IOException, InterruptedException {
        if (made == null) {
            made = prepare(ServerProcess.packagedJar());
        }
        return made;
    }

    /** The extracted jar to start with {@code -jar}. */
    public Path jar() {
        return jar;
    }

    /**
     * The JVM options that use the archive. {@code -Xshare:on}, unlike the image's default, makes the JVM refuse to
     * start when it cannot use the archive, so a test or a benchmark never silently runs without it.
     */
    public List<String> jvmOptions() {
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
    }

    private static PreparedLaunch prepare(Path packaged) throws IOException, InterruptedException {
        Files.createDirectories(Path.of("target"));
        Path log = Path.of("target", "prepare-launch.log");
        Process process = new ProcessBuilder("bin/prepare-launch", packaged.toString(), DIR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/prepare-launch took over " + TIMEOUT_MINUTES + " minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("bin/prepare-launch failed:\n" + Files.readString(log));
        }
        return new PreparedLaunch(DIR.resolve(packaged.getFileName()), DIR.resolve("exotrial.jsa"));
    }
}
