package org.exotrial.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One client of the benchmarked server: plain JDK HTTP, so the client adds as little CPU as it can to the machine it
 * shares with the server. Every answer other than 200 fails the run: a benchmark of failing requests measures nothing.
 */
final class Api {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final Supplier<String> token;

    /** {@code token} gives null for a server without security. */
    Api(String base, Supplier<String> token) {
        this.base = base;
        this.token = token;
    }

    String get(String path) {
        return send(request(uri(path)).GET());
    }

    /** A search HAPI must run afresh: {@code no-cache} bypasses its reuse of identical recent searches. */
    String getUncached(String path) {
        return send(request(uri(path)).header("Cache-Control", "no-cache").GET());
    }

    String postBundle(String json) {
        return send(request(URI.create(base))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A server's answer to a write it may refuse. */
    record Answer(int status, String body) {
        boolean refused() {
            return status == 412 || status == 422;
        }
    }

    /**
     * Posts a bundle a validating server may refuse: 412 or 422 (the profile validation failed) is answered, not thrown;
     * any other answer but 200 still fails the run.
     */
    Answer postBundleOrRefusal(String json) {
        HttpRequest built = request(URI.create(base))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = exchange(built);
        Answer answer = new Answer(response.statusCode(), response.body());
        if (answer.refused()) {
            return answer;
        }
        return new Answer(response.statusCode(), checked(built, response));
    }

    String put(String path, String json) {
        return send(request(URI.create(base + "/" + path))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A create: {@code POST [base]/[type]}; returns the stored resource. */
    String post(String type, String json) {
        return send(request(uri(type))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String delete(String path) {
        return send(request(uri(path)).DELETE());
    }

    /** Any answer, status and headers included, unchecked: for the asynchronous pattern (202, 404...). */
    record Response(int status, java.net.http.HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** {@code GET} with extra headers (e.g. {@code Prefer: respond-async}; they replace the default Accept), any answer. */
    Response exchange(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(uri(path)).GET();
        headers.forEach(request::setHeader);
        HttpResponse<String> response = exchange(request.build());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** {@code POST} of a FHIR resource with extra headers, any answer. */
    Response exchangePost(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(uri(path))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::setHeader);
        HttpResponse<String> response = exchange(request.build());
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    /** A path under the base (or a full URL, as in paging links); the token separator "|" is not legal in a URI. */
    private URI uri(String path) {
        return URI.create((path.startsWith("http") ? path : base + "/" + path).replace("|", "%7C"));
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).header("Accept", "application/fhir+json");
        String bearer = token.get();
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        return checked(built, exchange(built));
    }

    private static String checked(HttpRequest built, HttpResponse<String> response) {
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " -> HTTP " + response.statusCode()
                    + ": "
                    + response.body()
                            .substring(0, Math.min(2000, response.body().length())));
        }
        return response.body();
    }

    private HttpResponse<String> exchange(HttpRequest built) {
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
