package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.stoa.worlds.TraitRule;

/**
 * A world as the venueless world-config file describes it. {@code config} holds every key of
 * the file's {@code world} object but {@code id} and {@code title}; {@code roles} and
 * {@code traitGrants} are null when the file leaves them out, so an import keeps the world's own.
 */
public record WorldConfig(
        String id,
        String title,
        ObjectNode config,
        Map<String, List<String>> roles,
        Map<String, TraitRule> traitGrants,
        List<RoomConfig> rooms,
        List<ExhibitorConfig> exhibitors) {
}
