package org.stoa.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How Stoa's applications read JSON request bodies. The JAX-RS JSON provider
 * (Aries' Jackson provider) reads with {@link #MAPPER} in every application named
 * {@code stoa.*}: such an application requires {@link #EXTENSION} and
 * {@link #PROVIDER_SELECT} in its {@code osgi.jaxrs.extension.select}. Code that must see the
 * raw bytes first (a signed webhook) reads them with the same mapper afterwards. A body is read
 * as JSON whatever its {@code Content-Type} says.
 */
public final class JsonBodies {

    /** The {@code osgi.jaxrs.name} of the extension that hands the provider {@link #MAPPER}. */
    public static final String EXTENSION = "stoa.json";

    /** Selects the JSON provider itself, by the media type it registers for. */
    public static final String PROVIDER_SELECT = "(osgi.jaxrs.media.type=application/json)";

    /** The applications the mapping applies to. */
    public static final String APPLICATIONS = "(osgi.jaxrs.name=stoa.*)";

    /**
     * What a body may hold, set here rather than left to Jackson's defaults: far above what Stoa's
     * APIs take (a world's configuration nests 6 deep, its numbers have a few digits) and far
     * below what costs the parser time (a number's digits cost time as they grow). Strings stay
     * within the default body limit (1 MiB) of the applications.
     */
    public static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNumberLength(100)
            .maxStringLength(1 << 20)
            .maxNameLength(4096)
            .maxNestingDepth(64)
            .build();

    /**
     * Fields a body carries that the API does not read are ignored, as a client of an older
     * or newer API expects.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonBodies() {
    }
}
