package org.exotrial.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The writes a validating server refused, by reason: each refusal's first error, with entry indexes and ids taken out
 * so that the same defect in many bundles counts as one reason. Refused writes are counted here, never as throughput.
 */
final class Refusals {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REASON = 400;

    private final Map<String, Integer> byReason = new TreeMap<>();
    private int count;

    /** Records one refusal from the OperationOutcome the server answered with. */
    synchronized void add(String operationOutcome) {
        count++;
        byReason.merge(reason(operationOutcome), 1, Integer::sum);
    }

    synchronized int count() {
        return count;
    }

    synchronized Map<String, Integer> byReason() {
        return new TreeMap<>(byReason);
    }

    static String reason(String operationOutcome) {
        try {
            for (JsonNode issue : JSON.readTree(operationOutcome).path("issue")) {
                String severity = issue.path("severity").asText();
                if (severity.equals("error") || severity.equals("fatal")) {
                    String where = issue.path("location")
                            .path(0)
                            .asText(issue.path("expression").path(0).asText(""));
                    String reason = (where.isEmpty() ? "" : where + ": ")
                            + issue.path("diagnostics").asText("");
                    reason = reason.replaceAll("\\[\\d+]", "[n]")
                            .replaceAll("/\\*[^*]*\\*/", "")
                            .replaceAll("urn:uuid:[0-9a-f-]+", "urn:uuid:…");
                    return reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason;
                }
            }
            return "no error issue in: "
                    + operationOutcome.substring(0, Math.min(MAX_REASON, operationOutcome.length()));
        } catch (IOException e) {
            return "not an OperationOutcome: "
                    + operationOutcome.substring(0, Math.min(MAX_REASON, operationOutcome.length()));
        }
    }
}
