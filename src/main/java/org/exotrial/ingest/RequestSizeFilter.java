package org.exotrial.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code exotrial.ingest.max-request-size} with 413 before they are parsed: at once when
 * Content-Length says so, otherwise (chunked uploads) as soon as the streamed bytes pass the limit. The answer is a
 * FHIR OperationOutcome so FHIR clients can read it.
 */
final class RequestSizeFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            request.getInputStream().close();
            tooLarge(response, "The request body has " + request.getContentLengthLong() + " bytes (Content-Length)");
            return;
        }
        var counting = new CountingRequest(request, maxBytes);
        try {
            chain.doFilter(counting, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (counting.exceeded && !response.isCommitted()) {
                response.reset();
                tooLarge(response, "The request body has more than " + maxBytes + " bytes");
                return;
            }
            throw e;
        }
        // HAPI answers an unreadable body itself (400); when the cause was our limit, say so instead.
        if (counting.exceeded && !response.isCommitted()) {
            response.reset();
            tooLarge(response, "The request body has more than " + maxBytes + " bytes");
        }
    }

    private void tooLarge(HttpServletResponse response, String what) throws IOException {
        String text = LimitExceeded.message(
                what, LimitExceeded.MAX_REQUEST_SIZE, LimitExceeded.size(maxBytes), "bundles or messages");
        byte[] body =
                ("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"too-long\","
                                + "\"diagnostics\":\"" + text + "\"}]}")
                        .getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.setContentLength(body.length);
        // The unread body makes the connection unusable; flushing now lets the client read the answer even while it
        // is still sending (or, after "Expect: 100-continue", instead of sending).
        response.setHeader("Connection", "close");
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** Counts body bytes as they are read and fails the read once the limit is passed. */
    private static final class CountingRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private long count;
        private boolean exceeded;
        private ServletInputStream stream;

        CountingRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            add(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int off, int len) throws IOException {
                        int n = in.read(buffer, off, len);
                        if (n > 0) {
                            add(n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }

        private void add(int n) throws IOException {
            count += n;
            if (count > maxBytes) {
                exceeded = true;
                throw new IOException("request body exceeds " + maxBytes + " bytes");
            }
        }
    }
}
