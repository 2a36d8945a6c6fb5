package org.stoa.connections.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a node reads its clients' frames: every frame is parsed before its sender logged in, so
 * what a frame may hold is bounded here, and no frame costs the parser more than a moment. The
 * venueless protocol needs little: ids and timestamps of a few digits, bodies a few levels deep.
 */
final class FrameJson {

    static final int MAX_NUMBER_DIGITS = 100;
    static final int MAX_NESTING = 64;

    /** The one-line reason a frame over these limits is refused. */
    static final String REFUSAL = "A message may hold numbers of at most " + MAX_NUMBER_DIGITS
            + " digits and nest at most " + MAX_NESTING + " deep";

    private FrameJson() {
    }

    /** A mapper for frames of at most {@code maxMessageBytes}. */
    static ObjectMapper mapper(int maxMessageBytes) {
        return new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_DIGITS)
                .maxStringLength(maxMessageBytes)
                .maxNameLength(Math.min(maxMessageBytes, 4096))
                .maxNestingDepth(MAX_NESTING)
                .maxDocumentLength(maxMessageBytes)
                .build()).build());
    }
}
