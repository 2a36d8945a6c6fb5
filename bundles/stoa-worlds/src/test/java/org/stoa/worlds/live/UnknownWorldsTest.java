package org.stoa.worlds.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class UnknownWorldsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final UnknownWorlds unknown = new UnknownWorlds(now::get);

    @Test
    void aMissingWorldIsRememberedForItsTimeOnly() {
        unknown.missing("nowhere");

        assertTrue(unknown.isKnownMissing("nowhere"));
        now.addAndGet(UnknownWorlds.TTL_NANOS - 1);
        assertTrue(unknown.isKnownMissing("nowhere"));
        now.addAndGet(1);
        assertFalse(unknown.isKnownMissing("nowhere"), "read again once the memory ran out");
        assertEquals(0, unknown.size());
    }

    @Test
    void aWorldCreatedMeanwhileIsForgottenAtOnce() {
        unknown.missing("new-event");

        unknown.forget("new-event");

        assertFalse(unknown.isKnownMissing("new-event"));
    }

    @Test
    void aLoopOfRandomIdsCannotGrowItBeyondItsCapacity() {
        for (int i = 0; i < UnknownWorlds.CAPACITY * 5; i++) {
            unknown.missing("random-" + i);
        }

        assertTrue(unknown.size() <= UnknownWorlds.CAPACITY, String.valueOf(unknown.size()));
        assertTrue(unknown.isKnownMissing("random-" + (UnknownWorlds.CAPACITY * 5 - 1)));
    }

    @Test
    void anIdNeverAskedForIsNotKnownMissing() {
        assertFalse(unknown.isKnownMissing("w"));
    }
}
