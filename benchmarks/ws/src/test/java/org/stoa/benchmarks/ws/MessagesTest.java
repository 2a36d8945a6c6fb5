package org.stoa.benchmarks.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void theActionIsTheFirstStringOfTheArrayWithOrWithoutSpaces() {
        assertEquals("authenticated", Messages.action("[\"authenticated\", {\"user.config\": {}}]"));
        assertEquals("pong", Messages.action(" [ \"pong\",1700000000000]"));
        assertNull(Messages.action("{\"not\": \"an array\"}"));
    }

    @Test
    void aPongCarriesBackThePingValue() {
        assertEquals(1_700_000_000_123L, Messages.value("[\"pong\", 1700000000123]"));
        assertEquals(-1, Messages.value("[\"pong\"]"));
    }

    @Test
    void anErrorsCodeIsReadWithOrWithoutACorrelationId() {
        assertEquals("auth.invalid_token", Messages.errorCode("[\"error\", {\"code\": \"auth.invalid_token\"}]"));
        assertEquals("protocol.invalid", Messages.errorCode("[\"error\",12,{\"message\":\"x\",\"code\":\"protocol.invalid\"}]"));
    }
}
