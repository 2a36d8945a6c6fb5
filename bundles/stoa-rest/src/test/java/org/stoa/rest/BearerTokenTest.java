package org.stoa.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void aBearerHeaderGivesItsToken() {
        assertEquals(Optional.of("abc.def"), BearerToken.of("Bearer abc.def").token());
        assertEquals(Optional.of("abc"), BearerToken.of("  bearer   abc  ").token(), "the scheme in any case, spaces around");
        assertEquals(BearerToken.Shape.TOKEN, BearerToken.of("BEARER abc").shape());
    }

    @Test
    void whatIsNotABearerTokenSaysWhy() {
        assertEquals(BearerToken.Shape.ABSENT, BearerToken.of(null).shape());
        assertEquals(BearerToken.Shape.ABSENT, BearerToken.of(" ").shape());
        assertEquals(BearerToken.Shape.ABSENT, BearerToken.of("Basic dXNlcjpwdw==").shape());
        assertEquals(BearerToken.Shape.ABSENT, BearerToken.of("Bearerabc").shape());
        assertEquals(BearerToken.Shape.EMPTY, BearerToken.of("Bearer ").shape());
        assertEquals(BearerToken.Shape.SPACED, BearerToken.of("Bearer a b").shape());
        assertTrue(BearerToken.of("Bearer a b").token().isEmpty());
    }

    @Test
    void onlyTheExpectedTokenIsIt() {
        assertTrue(BearerToken.of("Bearer s3cret").is("s3cret"));
        assertFalse(BearerToken.of("Bearer s3cret").is("s3cre"));
        assertFalse(BearerToken.of("Bearer s3cret").is(""), "an empty expected token admits nothing");
        assertFalse(BearerToken.of("Bearer s3cret").is(null));
        assertFalse(BearerToken.of(null).is("s3cret"));
    }
}
