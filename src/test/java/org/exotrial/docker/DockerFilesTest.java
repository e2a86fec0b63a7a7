package org.exotrial.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** No Docker engine runs here, so what can be checked without one is checked: names, wiring and health checks. */
class DockerFilesTest {

    private static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    private static final Path COMPOSE = Path.of("docker/compose.yaml");

    @Test
    void dockerfileStartsTheJarTheBuildMakesWithItsArchive() throws Exception {
        var pom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(Path.of("pom.xml").toFile());
        String finalName =
                pom.getElementsByTagName("finalName").item(0).getTextContent().trim();
        String dockerfile = Files.readString(DOCKERFILE);

        // The build stage extracts the jar Maven made; the runtime stage makes the archive of that extracted jar
        // (bin/prepare-launch, decision 36) and starts the same jar with it.
        assertThat(dockerfile)
                .contains("java -Djarmode=tools -jar target/" + finalName + ".jar extract --destination target/launch")
                .contains("COPY --from=build --chown=exotrial /src/target/launch /app/launch")
                .contains("COPY bin/prepare-launch /usr/local/bin/prepare-launch")
                .contains("RUN prepare-launch /app/launch/" + finalName + ".jar /app/launch")
                .contains(
                        "ENTRYPOINT [\"java\", \"-XX:SharedArchiveFile=/app/launch/exotrial.jsa\", \"-jar\", \"/app/launch/"
                                + finalName + ".jar\"]");
        assertThat(dockerfile.indexOf("USER exotrial"))
                .as("the archive is made as the user that runs the server (PostgreSQL refuses to run as root)")
                .isLessThan(dockerfile.indexOf("RUN prepare-launch"));
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jre");
        assertThat(dockerfile).containsPattern("(?m)^USER exotrial$");
        assertThat(dockerfile).contains("HEALTHCHECK").contains("/actuator/health");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsPostgres16AndTheServerWithHealthChecksAndANamedVolume() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        var services = (Map<String, Map<String, Object>>) compose.get("services");
        var postgres = services.get("postgres");
        var server = services.get("server");

        assertThat(postgres.get("image")).isEqualTo("postgres:16");
        assertThat(postgres).containsKey("healthcheck");
        assertThat((List<String>) postgres.get("volumes")).anyMatch(v -> v.startsWith("exotrial-db:"));
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("exotrial-db");

        assertThat(server).containsKey("healthcheck");
        var env = (Map<String, String>) server.get("environment");
        assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/exotrial");
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo("exotrial");
        var dependsOn = (Map<String, Map<String, String>>) server.get("depends_on");
        assertThat(dependsOn.get("postgres").get("condition")).isEqualTo("service_healthy");
        assertThat(((Map<String, String>) server.get("build")).get("dockerfile"))
                .isEqualTo("docker/Dockerfile");
    }
}
