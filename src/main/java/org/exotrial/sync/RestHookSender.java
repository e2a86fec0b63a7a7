package org.exotrial.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * POSTs a notification to a rest-hook endpoint with the JDK's HTTP client. Redirects are not followed: a receiver
 * could otherwise send the server's notifications (and the channel's secret headers) to any host.
 */
final class RestHookSender {

    private final HttpClient client;
    private final EndpointCheck check;

    RestHookSender(EndpointCheck check, Duration connectTimeout) {
        this.check = check;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /** What the receiver answered: a 2xx status, or the failure in words (the status, or what went wrong). */
    record Outcome(int status, String error) {
        boolean delivered() {
            return error == null;
        }
    }

    Outcome send(String endpoint, List<String> headers, Duration timeout, String body) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            return new Outcome(0, "invalid endpoint: " + e.getMessage());
        }
        String refusal = check.refusal(uri);
        if (refusal != null) {
            return new Outcome(0, "endpoint refused: " + refusal);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                try {
                    request.header(
                            header.substring(0, colon).trim(),
                            header.substring(colon + 1).trim());
                } catch (IllegalArgumentException e) {
                    return new Outcome(
                            0,
                            "invalid channel header "
                                    + header.substring(0, colon).trim());
                }
            }
        }
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status / 100 == 2 ? new Outcome(status, null) : new Outcome(status, "HTTP " + status);
        } catch (HttpTimeoutException e) {
            return new Outcome(0, "timeout after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Outcome(0, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted (server stopping)");
        }
    }
}
