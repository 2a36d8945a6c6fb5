package org.stoa.worlds;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Everything about a user that decides what they may do in a world.
 *
 * @param traits     the user's traits, from the latest token
 * @param worldRoles roles granted explicitly for the whole world
 * @param roomRoles  roles granted explicitly per room, by room id
 */
public record Principal(Set<String> traits, UserType type, ModerationState moderation,
        Set<String> worldRoles, Map<UUID, Set<String>> roomRoles) {

    public Principal {
        traits = Set.copyOf(traits);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(moderation, "moderation");
        worldRoles = Set.copyOf(worldRoles);
        roomRoles = roomRoles.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, room -> Set.copyOf(room.getValue())));
    }

    /**
     * A person with these traits and nothing else, as the REST API sees a token holder:
     * there only trait-based permissions count.
     */
    public static Principal ofTraits(Collection<String> traits) {
        return new Principal(Set.copyOf(traits), UserType.PERSON, ModerationState.NONE, Set.of(), Map.of());
    }
}
