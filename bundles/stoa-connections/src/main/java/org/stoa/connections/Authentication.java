package org.stoa.connections;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client let in.
 *
 * @param userId          the user the socket now belongs to
 * @param connectionLimit how many sockets this user may hold in the world at once, across every
 *                        node; 0 for no limit
 * @param payload         the body of the {@code authenticated} message
 * @param attributes      what the socket's {@link Client#attributes()} start with (e.g. the user
 *                        as the authenticator read it, for the handlers)
 */
public record Authentication(String userId, int connectionLimit, ObjectNode payload, Map<String, Object> attributes) {

    public Authentication {
        attributes = Map.copyOf(attributes);
    }
}
