package org.stoa.worlds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrincipalTest {

    private static final UUID STAGE = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    @Test
    void ofTraitsIsAnUnmoderatedPersonWithoutExplicitGrants() {
        Principal principal = Principal.ofTraits(List.of("attendee", "admin", "attendee"));

        assertEquals(new Principal(Set.of("attendee", "admin"), UserType.PERSON, ModerationState.NONE,
                Set.of(), Map.of()), principal);
    }

    @Test
    void changingTheCollectionsAPrincipalWasBuiltFromDoesNotChangeIt() {
        Set<String> traits = new HashSet<>(Set.of("attendee"));
        Set<String> worldRoles = new HashSet<>(Set.of("speaker"));
        Set<String> stageRoles = new HashSet<>(Set.of("moderator"));
        Map<UUID, Set<String>> roomRoles = new HashMap<>(Map.of(STAGE, stageRoles));
        Principal principal = new Principal(traits, UserType.PERSON, ModerationState.NONE, worldRoles, roomRoles);

        traits.add("admin");
        worldRoles.add("admin");
        stageRoles.add("admin");
        roomRoles.put(UUID.randomUUID(), Set.of("admin"));

        assertEquals(Set.of("attendee"), principal.traits());
        assertEquals(Set.of("speaker"), principal.worldRoles());
        assertEquals(Map.of(STAGE, Set.of("moderator")), principal.roomRoles());
    }

    @Test
    void itsCollectionsCannotBeChanged() {
        Principal principal = new Principal(Set.of(), UserType.PERSON, ModerationState.NONE, Set.of(),
                Map.of(STAGE, Set.of("moderator")));

        assertThrows(UnsupportedOperationException.class, () -> principal.traits().add("admin"));
        assertThrows(UnsupportedOperationException.class, () -> principal.roomRoles().get(STAGE).add("admin"));
    }

    @Test
    void aPrincipalNeedsATypeAndAModerationState() {
        assertThrows(NullPointerException.class,
                () -> new Principal(Set.of(), null, ModerationState.NONE, Set.of(), Map.of()));
        assertThrows(NullPointerException.class,
                () -> new Principal(Set.of(), UserType.PERSON, null, Set.of(), Map.of()));
    }
}
