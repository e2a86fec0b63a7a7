package org.exotrial.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;

/**
 * Keeps search values out of the audit trail. BALP copies the whole search URL into the query entity
 * ({@code entity.query} and {@code entity.description}), and search values are names, birth dates and MRNs: a copy of
 * patient data in a second store with its own retention. The parameter names stay, so the trail still says what kind
 * of search it was; whose data it disclosed is recorded separately, as the patient entities BALP adds for every
 * patient in the results.
 */
final class QueryRedaction {

    static final String REDACTED = "*";

    private QueryRedaction() {}

    static void redact(AuditEvent event) {
        for (AuditEventEntityComponent entity : event.getEntity()) {
            if (entity.hasQuery()) {
                String query = new String(entity.getQuery(), StandardCharsets.UTF_8);
                entity.setQuery(redact(query).getBytes(StandardCharsets.UTF_8));
            }
            if (entity.hasDescription()) {
                entity.setDescription(redact(entity.getDescription()));
            }
        }
    }

    /** {@code GET http://h/fhir/Patient?name=Smith&_count=5} becomes {@code GET http://h/fhir/Patient?name=*&_count=*}. */
    static String redact(String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return url;
        }
        List<String> parameters = new ArrayList<>();
        for (String parameter : url.substring(question + 1).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            parameters.add(name + "=" + REDACTED);
        }
        return url.substring(0, question) + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    }
}
