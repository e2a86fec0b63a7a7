package org.exotrial.guards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * What a client gets for malformed input: a 400 (or 405) OperationOutcome saying what is wrong, nothing stored, and a
 * server that goes on answering. Before, each of these was a 500, an HTML page, a silent drop or an exhausted heap.
 */
class MalformedInputIT extends ServerIT {

    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");

    @Test
    void aTokenSearchWithAnUnencodedPipeIsAnswered() throws Exception {
        String mrn = unique("PIPE");
        assertThat(send(post("/Patient", patient(mrn))).statusCode()).isEqualTo(201);

        // java.net.URI refuses a raw "|", so this request is written by hand, as curl or a browser sends it.
        Raw raw = raw("GET", "/fhir/Patient?identifier=" + MRN + "|" + mrn + "&_summary=count");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(total(raw.body())).isEqualTo(1);
    }

    @Test
    void aBrokenPercentEscapeIs400() throws Exception {
        Raw raw = raw("GET", "/fhir/Patient?name=%ZZ");
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.body()).contains("OperationOutcome").contains("percent-escape");
    }

    @Test
    void whatTomcatRefusesItselfIsAnOperationOutcomeToo() throws Exception {
        // "{" may not stand unencoded in a URL; Tomcat refuses it before any filter or servlet runs.
        Raw raw = raw("GET", "/fhir/Patient?name={x}");
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.head()).contains("Content-Type: application/fhir+json");
        assertThat(raw.body()).contains("\"resourceType\":\"OperationOutcome\"").doesNotContain("Tomcat");
    }

    @Test
    void aSearchNumberThatIsNoNumberIs400() throws Exception {
        var response = send(request("/Observation?value-quantity=gt12abc").GET());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("OperationOutcome").contains("number");
    }

    @Test
    void aSearchNumberTooLargeToCompareIs400AndTheServerGoesOn() throws Exception {
        // Before: HAPI wrote 1e99999999 out in full to hash it, and the request ran the heap out.
        for (String number : new String[] {"gt1e99999999", "gt1e400", "lt1e-400"}) {
            var response = send(request("/Observation?value-quantity=" + number).GET());
            assertThat(response.statusCode()).as(number).isEqualTo(400);
            assertThat(response.body()).contains("outside the range a search compares");
        }
        assertThat(send(request("/Observation?value-quantity=gt1e300&_summary=count")
                                .GET())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBodyNumberTooLongToWriteOutIs400AndNothingIsStored() throws Exception {
        String mrn = unique("HUGE");
        String extension = ",\"extension\":[{\"url\":\"https://example.org/x\",\"valueDecimal\":1e99999999}]";
        var response = send(post("/Patient", patient(mrn, extension)));
        assertRefusedAndNothingStored(response, "more than 1000 digits", mrn);
    }

    @Test
    void aConditionTooLargeToCompareInATransactionIs400AndNothingIsStored() throws Exception {
        String mrn = unique("HUGETX");
        var response = postTransactionWithPatient(
                mrn,
                "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}},"
                        + "\"request\":{\"method\":\"POST\",\"url\":\"Observation\","
                        + "\"ifNoneExist\":\"value-quantity=gt1e99999999\"}}");
        assertRefusedAndNothingStored(response, "outside the range a search compares", mrn);
    }

    @Test
    void aBodyNestedTooDeepToValidateIs400() throws Exception {
        // Before: the HL7 validator's recursion overflowed the request thread's stack at 240 levels (500).
        String body = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"IL-6\"},"
                + "\"extension\":" + "[{\"url\":\"https://example.org/x\",\"extension\":".repeat(240) + "[]"
                + "}]".repeat(240) + "}";
        var response = send(post("/Observation", body));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("levels deep");
    }

    @Test
    void aMisspeltElementIs400NotDropped() throws Exception {
        String mrn = unique("SPELL");
        var response = send(post("/Patient", patient(mrn, ",\"birthdate\":\"1970-01-01\"")));
        assertRefusedAndNothingStored(response, "Unknown element 'birthdate'", mrn);
    }

    @Test
    void aMisspeltElementInATransactionStoresNothingOfIt() throws Exception {
        String mrn = unique("SPELLTX");
        var response = postTransactionWithPatient(
                mrn,
                "{\"resource\":{\"resourceType\":\"Basic\",\"code\":{\"text\":\"x\"},\"subjekt\":{}},"
                        + "\"request\":{\"method\":\"POST\",\"url\":\"Basic\"}}");
        assertRefusedAndNothingStored(response, "subjekt", mrn);
    }

    @Test
    void anIfMatchThatIsNoVersionIs400AndTheResourceStays() throws Exception {
        String mrn = unique("IFMATCH");
        var created = send(post("/Patient", patient(mrn)));
        String id = FHIR.newJsonParser()
                .parseResource(Patient.class, created.body())
                .getIdPart();

        var response = send(request("/Patient/" + id)
                .header("Content-Type", "application/fhir+json")
                .header("If-Match", "garbage")
                .PUT(HttpRequest.BodyPublishers.ofString(patient(mrn)
                        .replace(
                                "{\"resourceType\":\"Patient\",",
                                "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"gender\":\"female\","))));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(patientsWithMrn(mrn)).singleElement().satisfies(p -> {
            assertThat(p.getMeta().getVersionId()).isEqualTo("1");
            assertThat(p.hasGender()).isFalse();
        });
    }

    @Test
    void resultParametersHapiWouldIgnoreOrFailOnAre400() throws Exception {
        // Before: _offset=-1 was a 500; the others were ignored and a full result came back.
        for (String query : new String[] {"_offset=-1", "_count=-5", "_summary=foo", "_total=all"}) {
            var response = send(request("/Patient?" + query).GET());
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void anUnsupportedMethodIs405() throws Exception {
        var response = send(request("/Patient").method("TRACE", HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        assertThat(response.body()).contains("OperationOutcome").contains("TRACE");
    }

    private HttpRequest.Builder post(String path, String json) {
        return request(path)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static String patient(String mrn) {
        return patient(mrn, "");
    }

    /** A Patient with this MRN and {@code moreFields} (JSON starting with a comma) after its identifier. */
    private static String patient(String mrn, String moreFields) {
        return "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + MRN + "\",\"value\":\"" + mrn + "\"}]"
                + moreFields + "}";
    }

    /** A 400 whose OperationOutcome says {@code why}, and no Patient with this MRN stored. */
    private void assertRefusedAndNothingStored(HttpResponse<String> response, String why, String mrn) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(why);
        assertThat(patientsWithMrn(mrn)).isEmpty();
    }

    private static int total(String body) {
        Matcher total = TOTAL.matcher(body);
        assertThat(total.find()).as(body).isTrue();
        return Integer.parseInt(total.group(1));
    }

    /** An HTTP/1.1 request written byte for byte, for targets java.net.URI will not build. */
    private Raw raw(String method, String target) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer "
                            + token(Role.ADMIN) + "\r\nAccept: application/fhir+json\r\n"
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int end = response.indexOf("\r\n\r\n");
            return new Raw(status, response.substring(0, end), response.substring(end + 4));
        }
    }

    private record Raw(int status, String head, String body) {}
}
