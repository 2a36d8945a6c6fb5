package org.stoa.worlds;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * A room of a world. {@code importId} is the id a world config file gave it (null for
 * rooms made through the API); {@code moduleConfig} is its list of {@code {type, config}}.
 */
public record Room(UUID id, String worldId, String name, String description, String picture,
        int sortingPriority, String importId, Integer pretalxId,
        Map<String, TraitRule> traitGrants, ArrayNode moduleConfig, boolean deleted) {
}
