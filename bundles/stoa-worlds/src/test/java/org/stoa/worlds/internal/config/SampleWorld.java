package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real venueless world config the tests read (a copy of the shared fixture). */
final class SampleWorld {

    private SampleWorld() {
    }

    static InputStream stream() {
        return SampleWorld.class.getResourceAsStream("/sample-world.json");
    }

    static String text() {
        try (InputStream in = stream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh tree of the file, for tests to change before serializing it. */
    static ObjectNode tree() {
        try {
            return (ObjectNode) new ObjectMapper().readTree(text());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
