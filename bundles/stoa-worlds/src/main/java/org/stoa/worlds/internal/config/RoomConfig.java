package org.stoa.worlds.internal.config;

import java.util.List;
import java.util.Map;
import org.stoa.worlds.TraitRule;

/**
 * A room of the world-config file. {@code id} is the file's own name for the room (its import
 * id), not the room's UUID; {@code pretalxId} is null when the file gives none.
 */
public record RoomConfig(
        String id,
        String name,
        String description,
        String picture,
        Integer pretalxId,
        Map<String, TraitRule> traitGrants,
        List<RoomModule> modules) {
}
