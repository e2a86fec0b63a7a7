package org.exotrial.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.read.ListAppender;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.exotrial.security.access.Role;
import org.exotrial.support.ServerIT;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Logs an operator can alert on: a client's mistake (4xx) leaves no WARN or ERROR and no stack trace, only the access
 * line at INFO; a server fault (5xx) still logs at ERROR with its stack trace. The server runs in this JVM, so a
 * Logback appender on the root logger sees every event the server's own appenders would.
 */
class ClientErrorLoggingIT extends ServerIT {

    private static final String INTRAVENOUS = "http://snomed.info/sct%7C47625008";

    @Autowired
    FhirEndpoint endpoint;

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capture() {
        events.start();
        root().addAppender(events);
    }

    @AfterEach
    void release() {
        root().detachAppender(events);
        events.stop();
    }

    @Test
    void clientErrorsLeaveNoWarningErrorOrStackTrace() throws Exception {
        String patient = fhir().create()
                .resource(new org.hl7.fhir.r4.model.Patient()
                        .addIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(MRN)
                                .setValue(unique("log-levels"))))
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getIdPart();
        Map<String, Callable<Integer>> requests = new LinkedHashMap<>();
        requests.put("400 unknown search parameter", () -> get("/Patient?no-such-parameter=x", Role.ANALYST));
        requests.put("400 bad date", () -> get("/Observation?date=not-a-date", Role.ANALYST));
        requests.put("400 bad _count", () -> get("/Observation?_count=many", Role.ANALYST));
        requests.put("400 unknown sort", () -> get("/Observation?_sort=no-such-parameter", Role.ANALYST));
        requests.put("400 bad chain", () -> get("/Observation?subject.no-such-parameter=x", Role.ANALYST));
        requests.put("400 unparseable body", () -> post("/Patient", "{\"resourceType\":\"Patient\",", Role.ADMIN));
        requests.put("400 control character", () -> raw("GET /fhir/Patient HTTP/1.1\r\nX-Test: a\u0007b"));
        requests.put("400 request line", () -> raw("GET /fhir/Patient?x={} HTTP/1.1"));
        requests.put("401 no token", () -> status(send(anonymousRequest("/Patient"))));
        requests.put(
                "401 bad token",
                () -> status(send(anonymousRequest("/Patient").header("Authorization", "Bearer not-a-token"))));
        requests.put("403 scope", () -> get("/AuditEvent", Role.ANALYST));
        requests.put("403 blinding", () -> get("/Procedure?route=" + INTRAVENOUS, Role.ANALYST));
        requests.put("403 blinding in a search task", () -> get("/Procedure?_text=saline", Role.ANALYST));
        requests.put("403 write", () -> post("/Patient", "{\"resourceType\":\"Patient\"}", Role.ANALYST));
        requests.put(
                "403 unblind",
                () -> status(send(request("/ResearchStudy/lar-exosome-trial/$unblind", Role.ANALYST)
                        .POST(HttpRequest.BodyPublishers.noBody()))));
        requests.put("404 unknown id", () -> get("/Patient/no-such-patient-" + patient, Role.ANALYST));
        requests.put("404 unknown type", () -> get("/NoSuchType", Role.ANALYST));
        requests.put(
                "412 If-Match",
                () -> status(send(request("/Patient/" + patient, Role.ADMIN)
                        .header("Content-Type", "application/fhir+json")
                        .header("If-Match", "W/\"99\"")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                "{\"resourceType\":\"Patient\",\"id\":\"" + patient + "\"}")))));
        requests.put(
                "422 profile",
                () -> post(
                        "/Observation",
                        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"coding\":[{\"system\":"
                                + "\"http://loinc.org\",\"code\":\"26881-3\"}]}}",
                        Role.ADMIN));
        requests.put(
                "422 transaction entry",
                () -> post(
                        "",
                        "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":"
                                + "{\"resourceType\":\"ResearchSubject\"},\"request\":{\"method\":\"POST\",\"url\":"
                                + "\"ResearchSubject\"}}]}",
                        Role.ADMIN));

        List<String> unexpected = new ArrayList<>();
        for (var request : requests.entrySet()) {
            events.list.clear();
            int status = request.getValue().call();
            String expected = request.getKey().substring(0, 3);
            assertThat(String.valueOf(status)).as(request.getKey()).isEqualTo(expected);
            Thread.sleep(200); // a search task or the audit writer may log on its own thread
            for (ILoggingEvent event : List.copyOf(events.list)) {
                if (event.getLevel().isGreaterOrEqual(Level.WARN)
                        || (event.getThrowableProxy() != null
                                && event.getLevel().isGreaterOrEqual(Level.INFO))) {
                    unexpected.add(request.getKey() + ": " + event.getLevel() + " " + event.getLoggerName() + " "
                            + event.getFormattedMessage()
                            + (event.getThrowableProxy() == null
                                    ? ""
                                    : " [" + event.getThrowableProxy().getClassName() + "]"));
                }
            }
        }
        assertThat(unexpected).isEmpty();
    }

    /**
     * The crawl the issue reported (a blinded analyst, GET on every path), here every stored type searched, read by an
     * unknown id, searched by an unknown parameter and sorted by one: first with the filter taken out, to count what
     * HAPI logs as faults on its own, then as the server runs.
     */
    @Test
    void aBlindedAnalystsCrawlLeavesNoErrors() throws Exception {
        CapabilityStatement metadata = (CapabilityStatement) FHIR.newJsonParser()
                .parseResource(send(anonymousRequest("/metadata")).body());
        List<String> paths = new ArrayList<>();
        for (var resource : metadata.getRestFirstRep().getResource()) {
            String type = resource.getType();
            paths.addAll(List.of(
                    "/" + type + "?_count=1",
                    "/" + type + "/no-such-id",
                    "/" + type + "?no-such-parameter=x",
                    "/" + type + "?_sort=no-such-parameter",
                    "/" + type + "?_lastUpdated=not-a-date"));
        }
        paths.add("/Procedure?route=" + INTRAVENOUS);
        paths.add("/ResearchSubject?arm=Placebo");
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        TurboFilter filter = logback.getTurboFilterList().stream()
                .filter(ClientErrorLogFilter.class::isInstance)
                .findFirst()
                .orElseThrow(() -> new AssertionError("ClientErrorLogFilter is not installed"));
        logback.getTurboFilterList().remove(filter);
        Crawl unfiltered;
        try {
            unfiltered = crawl(paths);
        } finally {
            logback.addTurboFilter(filter);
        }
        Crawl filtered = crawl(paths);
        System.out.printf(
                "Analyst crawl: %d requests, %d client errors; ERROR entries %d without the filter, %d with it;"
                        + " WARN %d and %d%n",
                paths.size(),
                filtered.clientErrors(),
                unfiltered.errors(),
                filtered.errors(),
                unfiltered.warnings(),
                filtered.warnings());
        assertThat(filtered.serverErrors()).isZero();
        assertThat(filtered.clientErrors()).isGreaterThan(paths.size() / 2);
        assertThat(unfiltered.errors())
                .as("the crawl provokes what HAPI logs as faults")
                .isPositive();
        assertThat(filtered.errors()).isZero();
        assertThat(filtered.warnings()).isZero();
    }

    private record Crawl(int clientErrors, int serverErrors, int errors, int warnings) {}

    private Crawl crawl(List<String> paths) throws Exception {
        events.list.clear();
        int clientErrors = 0;
        int serverErrors = 0;
        for (String path : paths) {
            int status = get(path, Role.ANALYST);
            clientErrors += status >= 400 && status < 500 ? 1 : 0;
            serverErrors += status >= 500 ? 1 : 0;
        }
        Thread.sleep(500);
        List<ILoggingEvent> logged = List.copyOf(events.list);
        return new Crawl(
                clientErrors,
                serverErrors,
                (int) logged.stream().filter(e -> e.getLevel() == Level.ERROR).count(),
                (int) logged.stream().filter(e -> e.getLevel() == Level.WARN).count());
    }

    @Test
    void aServerFaultStillLogsAnErrorWithItsStackTrace() throws Exception {
        Object fault = new Fault();
        endpoint.server().registerInterceptor(fault);
        try {
            events.list.clear();
            int status = status(send(request("/Patient?_id=x", Role.ADMIN).header(Fault.HEADER, "yes")));
            assertThat(status).isEqualTo(500);
            assertThat(events.list)
                    .anyMatch(event -> event.getLevel() == Level.ERROR
                            && event.getThrowableProxy() != null
                            && event.getThrowableProxy().getMessage().contains(Fault.MESSAGE));
        } finally {
            endpoint.server().unregisterInterceptor(fault);
        }
    }

    /** A bug, as far as the server can tell: an unexpected exception while a request is handled. */
    @Interceptor
    public static final class Fault {

        static final String HEADER = "X-Exotrial-Test-Fault";
        static final String MESSAGE = "a fault provoked by ClientErrorLoggingIT";

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void fail(RequestDetails request) {
            if (request.getHeader(HEADER) != null) {
                throw new IllegalStateException(MESSAGE);
            }
        }
    }

    private int get(String path, Role role) throws Exception {
        return status(send(request(path, role)));
    }

    private int post(String path, String json, Role role) throws Exception {
        return status(send(request(path, role)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json))));
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    /** What an HTTP client will not send: a request line or header the server refuses before FHIR sees it. */
    private int raw(String head) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
