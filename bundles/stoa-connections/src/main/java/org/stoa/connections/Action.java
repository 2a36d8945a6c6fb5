package org.stoa.connections;

import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request of a client: {@code [name, id, body]} or {@code [name, body]}.
 *
 * @param name the action, e.g. {@code room.enter}
 * @param id   the client's correlation id, echoed in the reply; null when the request had none
 * @param body the request's body as sent (any JSON value)
 */
public record Action(String name, JsonNode id, JsonNode body) {

    /** The text before the first dot: which handler the action goes to. */
    public String namespace() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** An id the client sent (a room, a user, a channel): a UUID as text, or empty for anything else. */
    public static Optional<UUID> uuid(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
