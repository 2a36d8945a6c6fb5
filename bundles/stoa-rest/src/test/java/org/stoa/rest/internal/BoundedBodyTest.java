package org.stoa.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void aBodyOfExactlyTheLimitIsReadWhole() throws Exception {
        byte[] body = new byte[1000];
        try (BodyLimit.Bounded bounded = new BodyLimit.Bounded(new ByteArrayInputStream(body), 1000, TooLarge::new)) {
            assertArrayEquals(body, bounded.readAllBytes());
        }
    }

    @Test
    void aByteOverTheLimitIs413() throws Exception {
        try (BodyLimit.Bounded bounded = new BodyLimit.Bounded(new ByteArrayInputStream(new byte[1001]), 1000, TooLarge::new)) {
            assertThrows(TooLarge.class, bounded::readAllBytes);
        }
    }

    @Test
    void onceRefusedNotAByteMoreIsTakenFromTheClient() throws Exception {
        ByteArrayInputStream client = new ByteArrayInputStream(new byte[64 * 1024]);
        try (BodyLimit.Bounded bounded = new BodyLimit.Bounded(client, 1000, TooLarge::new)) {
            assertThrows(TooLarge.class, bounded::readAllBytes);
            int left = client.available();
            // What CXF does before it answers: drain the rest.
            assertThrows(TooLarge.class, () -> bounded.skip(Long.MAX_VALUE));
            assertThrows(TooLarge.class, bounded::read);
            assertEquals(left, client.available());
        }
    }

    /** What the filter throws is the JAX-RS runtime's 413, which needs a runtime; this stands for it. */
    private static final class TooLarge extends RuntimeException {
    }
}
