package org.stoa.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import javax.ws.rs.ClientErrorException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.apache.cxf.io.DelegatingInputStream;

/**
 * Refuses a request body larger than a limit with 413 before anything reads it: at once when
 * its {@code Content-Length} says so, and for a body of no stated length (chunked) as soon as
 * reading it passes the limit, so a hostile body costs the server at most the limit.
 */
abstract class BodyLimit implements ContainerRequestFilter {

    /** The limit of the application this filter is bound to. */
    abstract long maxBytes();

    @Override
    public void filter(ContainerRequestContext request) {
        long max = maxBytes();
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        InputStream body = request.getEntityStream();
        if (declared != null && tooLarge(declared.strip(), max)) {
            if (body instanceof DelegatingInputStream transport) {
                transport.setInputStream(InputStream.nullInputStream());
            }
            throw tooLarge();
        }
        if (body instanceof DelegatingInputStream transport) {
            transport.setInputStream(new Bounded(transport.getInputStream(), max, BodyLimit::tooLarge));
        } else {
            request.setEntityStream(new Bounded(body, max, BodyLimit::tooLarge));
        }
    }

    private static boolean tooLarge(String declared, long max) {
        // A length too long for a long is larger than any limit; one that is not a number is
        // left to the container, which refuses it itself.
        if (!declared.chars().allMatch(Character::isDigit) || declared.isEmpty()) {
            return false;
        }
        return declared.length() > 18 || Long.parseLong(declared) > max;
    }

    static ClientErrorException tooLarge() {
        // Closing the connection: kept open, Jetty would read the rest of the body before the
        // next request.
        return new ClientErrorException(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                .header("Connection", "close").build());
    }

    /** A body that fails with {@code refusal} (413) once more than {@code max} bytes are read from it. */
    static final class Bounded extends FilterInputStream {

        private final long max;
        private final Supplier<? extends RuntimeException> refusal;
        private long read;

        Bounded(InputStream body, long max, Supplier<? extends RuntimeException> refusal) {
            super(body);
            this.max = max;
            this.refusal = refusal;
        }

        @Override
        public int read() throws IOException {
            refuseOnceOver();
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            refuseOnceOver();
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            refuseOnceOver();
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        /** Not a byte more from the client once it is past the limit (CXF drains after a refusal). */
        private void refuseOnceOver() {
            if (read > max) {
                throw refusal.get();
            }
        }

        private void count(long n) {
            read += n;
            if (read > max) {
                throw refusal.get();
            }
        }
    }
}
