package org.stoa.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * The credentials of an {@code Authorization} header of the {@code Bearer} scheme (RFC 6750):
 * the scheme in any case, then the token, white space around them ignored. Each API decides
 * what a token must be and how to refuse one; this only reads the header, the one place that does.
 */
public final class BearerToken {

    /** What the header held. */
    public enum Shape {
        /** {@code Bearer <token>}. */
        TOKEN,
        /** No header, an empty one, or another scheme. */
        ABSENT,
        /** {@code Bearer} and nothing after it. */
        EMPTY,
        /** {@code Bearer} and text with white space in it. */
        SPACED
    }

    private static final String SCHEME = "bearer";

    private final Shape shape;
    private final String token;

    private BearerToken(Shape shape, String token) {
        this.shape = shape;
        this.token = token;
    }

    /** Reads an {@code Authorization} header's value; null is a missing header. */
    public static BearerToken of(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new BearerToken(Shape.ABSENT, null);
        }
        String[] parts = authorization.strip().split("\\s+");
        if (!parts[0].toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return new BearerToken(Shape.ABSENT, null);
        }
        if (parts.length == 1) {
            return new BearerToken(Shape.EMPTY, null);
        }
        if (parts.length > 2) {
            return new BearerToken(Shape.SPACED, null);
        }
        return new BearerToken(Shape.TOKEN, parts[1]);
    }

    public Shape shape() {
        return shape;
    }

    /** The token, when the header held one. */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /**
     * Whether the header held exactly {@code expected}, compared in constant time; an empty or
     * null {@code expected} admits nothing.
     */
    public boolean is(String expected) {
        if (token == null || expected == null || expected.isEmpty()) {
            return false;
        }
        // isEqual looks at every byte whatever the first difference, so timing tells nothing.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
