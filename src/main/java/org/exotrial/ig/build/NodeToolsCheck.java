package org.exotrial.ig.build;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Build-time step: fails the build early, with a message saying what to install, when node or npm is missing.
 * Without it exec-maven-plugin only reports "Cannot run program", which does not say that the IG needs Node.js.
 */
public final class NodeToolsCheck {

    private NodeToolsCheck() {}

    public static void main(String[] args) {
        for (String tool : new String[] {"node", "npm"}) {
            String version = versionOf(tool);
            if (version == null) {
                throw new IllegalStateException(
                        "The implementation guide build needs Node.js 20+ and npm on the PATH, "
                                + "but '" + tool
                                + "' could not be run. Install Node.js (e.g. `apt-get install nodejs npm`) "
                                + "or skip the IG build with -Dig.skip=true (the server then has no classpath:ig/exotrial.ig.tgz).");
            }
            System.out.println("[IG build] " + tool + " " + version);
        }
    }

    static String versionOf(String tool) {
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        ProcessBuilder pb =
                windows ? new ProcessBuilder("cmd", "/c", tool, "--version") : new ProcessBuilder(tool, "--version");
        try {
            Process process = pb.redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return out.lines().reduce((a, b) -> b).orElse(out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
