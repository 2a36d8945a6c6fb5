package org.stoa.worlds;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The fields of a new room, or a partial update of one: each field that is null stays as it is
 * (a new room takes the defaults). {@code pretalxId} empty takes the room's pretalx id away;
 * {@code moduleConfig} is the room's list of {@code {type, config}} modules as a whole.
 */
public record RoomChange(String name, String description, String picture, Integer sortingPriority,
        Optional<Integer> pretalxId, Map<String, TraitRule> traitGrants, ArrayNode moduleConfig) {

    /** A change of the name only; for a new room, a room with this name and the defaults. */
    public static RoomChange name(String name) {
        return new RoomChange(name, null, null, null, null, null, null);
    }
}
