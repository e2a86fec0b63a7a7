package org.exotrial.ingest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.io.input.BoundedInputStream;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above {@code exotrial.ingest.max-request-size} with 413 before they are parsed: at once when
 * Content-Length says so, otherwise (chunked uploads) as soon as the streamed bytes pass the limit. The answer is a
 * FHIR OperationOutcome so FHIR clients can read it. Commons IO's {@link BoundedInputStream} counts the streamed bytes;
 * the servlet API needs a {@link ServletInputStream}, so a thin adapter hands reads to it.
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
        var counting = new LimitedRequest(request, maxBytes);
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
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long maxBytes;
        private boolean exceeded;
        private ServletInputStream stream;

        LimitedRequest(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                InputStream bounded = BoundedInputStream.builder()
                        .setInputStream(in)
                        .setMaxCount(maxBytes)
                        // Called on a read once maxBytes have been read: a body of exactly maxBytes ends here (the
                        // bounded stream then answers end of stream); one byte more is one too many.
                        .setOnMaxCount((max, count) -> {
                            if (in.read() >= 0) {
                                exceeded = true;
                                throw new IOException("request body exceeds " + max + " bytes");
                            }
                        })
                        .get();
                stream = new ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        return bounded.read();
                    }

                    @Override
                    public int read(byte[] buffer, int off, int len) throws IOException {
                        return bounded.read(buffer, off, len);
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
    }
}
