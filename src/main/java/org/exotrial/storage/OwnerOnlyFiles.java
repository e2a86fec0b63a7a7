package org.exotrial.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Secrets the server keeps in its data directory (signing keys, the embedded database's password). */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {}

    /**
     * Writes {@code text} readable by the server's own user only. The file appears whole or not at all, so a server
     * killed while writing never leaves half a secret behind for the next start to read.
     */
    public static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "secret", ".tmp");
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
