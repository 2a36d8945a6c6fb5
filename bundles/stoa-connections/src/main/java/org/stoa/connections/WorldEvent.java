package org.stoa.connections;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something every socket of a world should hear about, e.g. {@code world.updated}.
 *
 * @param type the event name; its namespace (text before the first dot) picks the handler
 *             that turns it into what each client gets
 */
public record WorldEvent(String world, String type, JsonNode data) {

    public String namespace() {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}
