package org.stoa.connections.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Connection labels and the filters operators write for them, as venueless' commands took them. */
class LabelsTest {

    @Test
    void aLabelIsTheBuildsCommitAndTheEnvironmentEachUnknownWhenNotSet() {
        assertEquals("411b261.production", NodeIdentity.label("411b261", " production "));
        assertEquals("411b261.unknown", NodeIdentity.label("411b261", " "));
        assertEquals("unknown.unknown", NodeIdentity.label("${git.commit.id.abbrev}", ""));
    }

    @Test
    void filtersAreGlobsOverTheWholeLabel() {
        assertTrue(Glob.compile("411b261.*").matcher("411b261.production").matches());
        assertTrue(Glob.compile("*.production").matcher("411b261.production").matches());
        assertTrue(Glob.compile("*").matcher("unknown.unknown").matches());
        assertTrue(Glob.compile("411b26?.[ps]*").matcher("411b261.staging").matches());
        assertTrue(Glob.compile("[!a]*.x").matcher("b.x").matches());
        assertFalse(Glob.compile("*.production").matcher("411b261.production-eu").matches());
        assertFalse(Glob.compile("411b261").matcher("411b261.production").matches());
        assertFalse(Glob.compile("4.1b261.*").matcher("4x1b261.production").matches(), "a dot is a dot");
    }

    @Test
    void theWorldIsTheLastPartOfTheAddress() {
        assertEquals("sample", WorldSocketServlet.worldOf("/sample/"));
        assertEquals("sample", WorldSocketServlet.worldOf("/sample"));
        assertEquals("", WorldSocketServlet.worldOf(null));
    }

    @Test
    void theRateLimitAllowsABurstThenTheAverageAndWarnsOnceASecond() {
        long start = 0;
        RateLimit limit = new RateLimit(20, 5, start);
        for (int i = 0; i < 5; i++) {
            assertTrue(limit.allow(start), "burst message " + i);
        }
        assertFalse(limit.allow(start));
        assertTrue(limit.warn(start));
        assertFalse(limit.warn(start + 500_000_000L), "once a second at most");
        assertTrue(limit.allow(start + 50_000_000L), "one more after 1/20 s");
        assertFalse(limit.allow(start + 50_000_000L));
        assertTrue(limit.warn(start + 1_000_000_000L));
    }
}
