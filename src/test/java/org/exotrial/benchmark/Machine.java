package org.exotrial.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a result was measured on: CPU, cores, memory, JVM; and which commit. */
final class Machine {

    private Machine() {}

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
        long memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.replaceAll("\\D", "")))
                .orElse(0L);
        return String.format(
                "%s, %d cores, %d GB RAM, Java %s, embedded PostgreSQL on the same machine",
                cpu,
                Runtime.getRuntime().availableProcessors(),
                Math.round(memKb / 1024.0 / 1024.0),
                System.getProperty("java.version"));
    }

    static String commit() {
        String head = git(List.of("git", "rev-parse", "--short", "HEAD"));
        String dirty = git(List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return head.isBlank() ? "unknown" : head + (dirty.isBlank() ? "" : "-dirty");
    }

    private static String git(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes()).trim();
            return process.waitFor() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
