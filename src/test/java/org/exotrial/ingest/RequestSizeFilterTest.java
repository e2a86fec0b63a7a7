package org.exotrial.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestSizeFilterTest {

    private final RequestSizeFilter filter = new RequestSizeFilter(1024);

    @Test
    void declaredLengthAboveTheLimitIsRefusedUnread() throws Exception {
        var request = new MockHttpServletRequest("POST", "/fhir");
        request.setContent(new byte[2048]);
        var response = new MockHttpServletResponse();
        boolean[] reached = {false};

        filter.doFilter(request, response, (req, res) -> reached[0] = true);

        assertThat(reached[0]).isFalse();
        assertThat(response.getStatus()).isEqualTo(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        assertThat(response.getContentAsString())
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"too-long\"")
                .contains("The request body has 2048 bytes (Content-Length), more than the limit "
                        + "exotrial.ingest.max-request-size = 1024B")
                .contains("environment variable EXOTRIAL_INGEST_MAX_REQUEST_SIZE");
    }

    @Test
    void streamedBodyIsCutOffOnceItPassesTheLimit() throws Exception {
        var request = new MockHttpServletRequest("POST", "/fhir") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked: no declared length
            }
        };
        request.setContent("x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        var response = new MockHttpServletResponse();

        filter.doFilter(request, response, (req, res) -> {
            req.getInputStream().readAllBytes();
            res.getWriter().write("should not be sent");
        });

        assertThat(response.getStatus()).isEqualTo(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        assertThat(response.getContentAsString())
                .contains("OperationOutcome")
                .contains("The request body has more than 1024 bytes")
                .contains("exotrial.ingest.max-request-size = 1024B")
                .doesNotContain("should not");
    }

    @Test
    void aStreamedBodyOfExactlyTheLimitPasses() throws Exception {
        var request = new MockHttpServletRequest("POST", "/fhir") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent("x".repeat(1024).getBytes(StandardCharsets.UTF_8));
        var response = new MockHttpServletResponse();

        filter.doFilter(
                request, response, (req, res) -> assertThat(req.getInputStream().readAllBytes())
                        .hasSize(1024));

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aStreamedBodyOneByteOverTheLimitIsRefused() throws Exception {
        var request = new MockHttpServletRequest("POST", "/fhir") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent("x".repeat(1025).getBytes(StandardCharsets.UTF_8));
        var response = new MockHttpServletResponse();
        int[] received = {-1};

        filter.doFilter(request, response, (req, res) -> {
            var in = req.getInputStream();
            byte[] buffer = new byte[4096];
            received[0] = 0;
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                received[0] += n;
            }
        });

        assertThat(received[0]).as("bytes handed on before the read failed").isEqualTo(1024);
        assertThat(response.getStatus()).isEqualTo(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    }

    @Test
    void bodiesWithinTheLimitPassUntouched() throws Exception {
        var request = new MockHttpServletRequest("POST", "/fhir");
        request.setContent("{}".getBytes(StandardCharsets.UTF_8));
        var response = new MockHttpServletResponse();

        filter.doFilter(
                request, response, (req, res) -> assertThat(req.getInputStream().readAllBytes())
                        .hasSize(2));

        assertThat(response.getStatus()).isEqualTo(200);
    }
}
