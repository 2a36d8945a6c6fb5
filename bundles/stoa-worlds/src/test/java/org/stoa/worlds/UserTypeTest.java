package org.stoa.worlds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UserTypeTest {

    @Test
    void storedValuesAreVenuelessValues() {
        assertEquals(List.of("person", "kiosk", "anon"),
                Arrays.stream(UserType.values()).map(UserType::dbValue).toList());
    }

    @ParameterizedTest
    @EnumSource(UserType.class)
    void aStoredTypeReadsBackAsItself(UserType type) {
        assertEquals(type, UserType.fromDb(type.dbValue()));
    }

    @Test
    void anUnknownStoredTypeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> UserType.fromDb("robot"));
        assertThrows(IllegalArgumentException.class, () -> UserType.fromDb(null));
    }
}
