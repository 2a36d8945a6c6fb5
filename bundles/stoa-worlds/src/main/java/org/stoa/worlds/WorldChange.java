package org.stoa.worlds;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A partial update of a world: each field that is null stays as it is. {@code config} is the
 * world's free-form configuration as a whole (see {@link World#config()}), checked by the same
 * rules as a config file's.
 */
public record WorldChange(String title, String domain, ObjectNode config, Map<String, List<String>> roles,
        Map<String, TraitRule> traitGrants) {

    /** A change of the title only. */
    public static WorldChange title(String title) {
        return new WorldChange(title, null, null, null, null);
    }
}
