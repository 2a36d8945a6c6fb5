package org.stoa.connections.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void setsAndWildcardsMatchLabels() {
        assertTrue(Glob.compile("411b261.*").matcher("411b261.production").matches());
        assertTrue(Glob.compile("[0-9]*.prod?ction").matcher("411b261.production").matches());
    }

    @Test
    void aSetNoLabelCouldMatchIsRefusedInOneLine() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Glob.compile("[z-a]*"));
        assertEquals("invalid filter '[z-a]*': illegal character range; a glob over labels such as 411b261.* or *.production",
                refused.getMessage());
    }
}
