package org.stoa.worlds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModerationStateTest {

    @Test
    void storedValuesAreVenuelessValues() {
        assertEquals(List.of("", "silenced", "banned"),
                Arrays.stream(ModerationState.values()).map(ModerationState::dbValue).toList());
    }

    @ParameterizedTest
    @EnumSource(ModerationState.class)
    void aStoredStateReadsBackAsItself(ModerationState state) {
        assertEquals(state, ModerationState.fromDb(state.dbValue()));
    }

    @Test
    void aUserWithoutAStoredStateIsNotModerated() {
        assertEquals(ModerationState.NONE, ModerationState.fromDb(null));
    }

    @Test
    void anUnknownStoredStateIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ModerationState.fromDb("muted"));
    }
}
