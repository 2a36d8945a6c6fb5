package org.stoa.worlds.internal.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One module of a room, such as {@code chat.native}, with its module-specific settings. */
public record RoomModule(String type, ObjectNode config) {
}
