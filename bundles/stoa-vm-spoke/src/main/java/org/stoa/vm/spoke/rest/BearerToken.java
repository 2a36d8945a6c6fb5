package org.stoa.vm.spoke.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks an {@code Authorization: Bearer} header against the one token allowed, in constant time. */
final class BearerToken {

    private final byte[] expected;

    BearerToken(String token) {
        this.expected = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
    }

    boolean admits(String authorization) {
        if (expected.length == 0 || authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        // isEqual looks at every byte whatever the first difference, so timing tells nothing.
        return MessageDigest.isEqual(expected, given);
    }
}
