package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;

/**
 * An exhibitor of the world-config file. {@code room} is the import id of the room it stands
 * in; {@code textContent} is null when the file gives none.
 */
public record ExhibitorConfig(
        String name,
        String tagline,
        String shortText,
        String logo,
        String text,
        ArrayNode textContent,
        String size,
        String room,
        List<ExhibitorLink> links,
        List<ExhibitorLink> socialMediaLinks) {
}
