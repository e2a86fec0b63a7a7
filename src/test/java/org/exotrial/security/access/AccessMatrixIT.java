package org.exotrial.security.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.exotrial.support.ServerIT;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Role x interaction x resource type, over HTTP with each role's demo token. The expected table is written out here,
 * independently of {@link Role}, so a change of a role's rights shows up as a failing test.
 */
class AccessMatrixIT extends ServerIT {

    private static final List<String> TYPES =
            List.of("Patient", "Observation", "ResearchStudy", "AuditEvent", "Subscription", "Basic");

    /** Allowed SMART letters per type, in TYPES order. */
    private static final Map<Role, List<String>> EXPECTED = Map.of(
            Role.EHR, List.of("crus", "crus", "rs", "", "", ""),
            Role.ANALYST, List.of("rs", "rs", "rs", "", "", ""),
            Role.STATISTICIAN, List.of("rs", "rs", "rs", "", "", ""),
            Role.REGISTRY, List.of("rs", "rs", "rs", "", "cruds", ""),
            Role.ADMIN, List.of("cruds", "cruds", "cruds", "rs", "cruds", "cruds"));

    private static final Map<String, String> EXISTING = Map.of(
            "Patient", "fistula-patient",
            "Observation", "fistula-ccis-baseline",
            "ResearchStudy", "lar-exosome-trial");

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleGetsExactlyItsRights(Role role) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < TYPES.size(); i++) {
            String type = TYPES.get(i);
            String allowed = EXPECTED.get(role).get(i);
            for (char letter : "cruds".toCharArray()) {
                int status = attempt(role, type, letter).statusCode();
                boolean expectAllowed = allowed.indexOf(letter) >= 0;
                if (expectAllowed == (status == 403) || status == 401) {
                    wrong.add(type + "." + letter + " -> " + status + " (expected "
                            + (expectAllowed ? "allowed" : "403") + ")");
                }
            }
        }
        assertThat(wrong).as(role.name()).isEmpty();
    }

    private HttpResponse<String> attempt(Role role, String type, char letter) throws Exception {
        String id = EXISTING.getOrDefault(type, "no-such-" + type.toLowerCase());
        return switch (letter) {
            case 'c' -> send(request("/" + type, role)
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(minimal(type))));
            case 'r' -> send(request("/" + type + "/" + id, role));
            case 'u' -> {
                // Write back exactly what is stored (admin's view): allowed updates change nothing.
                HttpResponse<String> current = send(request("/" + type + "/" + id));
                String body = current.statusCode() == 200
                        ? current.body()
                        : minimal(type).replace("{", "{\"id\":\"" + id + "\",");
                yield send(request("/" + type + "/" + id, role)
                        .header("Content-Type", "application/fhir+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)));
            }
            case 'd' -> send(request("/" + type + "/no-such-" + unique("id").substring(0, 20), role)
                    .DELETE());
            case 's' -> send(request("/" + type + "?_count=1", role));
            default -> throw new IllegalArgumentException(String.valueOf(letter));
        };
    }

    private static String minimal(String type) {
        return switch (type) {
            case "Patient" -> "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + MRN + "\",\"value\":\""
                    + unique("matrix") + "\"}]}";
            case "Observation" -> "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"matrix\"}}";
            case "AuditEvent" -> "{\"resourceType\":\"AuditEvent\",\"type\":{\"code\":\"rest\"},\"recorded\":"
                    + "\"2026-01-01T00:00:00Z\",\"agent\":[{\"requestor\":true}],\"source\":{\"observer\":{\"display\":\"x\"}}}";
            case "Subscription" -> "{\"resourceType\":\"Subscription\",\"meta\":{\"profile\":[\"http://hl7.org/fhir/"
                    + "uv/subscriptions-backport/StructureDefinition/backport-subscription\"]},\"status\":\"off\","
                    + "\"reason\":\"matrix\",\"criteria\":\"https://exotrial.org/fhir/SubscriptionTopic/adverse-event\","
                    + "\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"http://localhost:9/hook\","
                    + "\"payload\":\"application/fhir+json\"}}";
            case "Basic" -> "{\"resourceType\":\"Basic\",\"code\":{\"text\":\"matrix\"}}";
            default -> "{\"resourceType\":\"" + type + "\",\"status\":\"active\"}";
        };
    }
}
