package org.exotrial.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.api.Test;

/** The README's one-liner, {@code TOKEN=$(bin/token analyst)}: one clean line on stdout, nothing on stderr. */
class TokenScriptIT extends ServerIT {

    @Test
    void binTokenPrintsAWorkingTokenAndNothingElse() throws Exception {
        Process process = new ProcessBuilder(
                        "node",
                        Path.of("bin", "token").toString(),
                        "analyst",
                        "--server=http://localhost:" + port,
                        "--data-dir=" + dataDir())
                .start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(err).isEmpty();
        assertThat(out).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n");

        HttpResponse<String> read =
                send(anonymousRequest("/Patient/fistula-patient").header("Authorization", "Bearer " + out.trim()));
        assertThat(read.statusCode()).isEqualTo(200);
        HttpResponse<String> write = send(anonymousRequest("/Patient")
                .header("Authorization", "Bearer " + out.trim())
                .header("Content-Type", "application/fhir+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}")));
        assertThat(write.statusCode())
                .as("the analyst's token, not another role's")
                .isEqualTo(403);
    }

    @Test
    void anUnknownRoleIsAUsageError() throws Exception {
        Process process = new ProcessBuilder("node", "bin/token", "nurse").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("usage: bin/token");
    }
}
