package org.stoa.connections;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.annotation.versioning.ProviderType;

/** One authenticated WebSocket connection, as handlers see it. */
@ProviderType
public interface Client {

    /** Unique among every connection of every node. */
    String socketId();

    String worldId();

    /** The id of the user this socket authenticated as. */
    String userId();

    /**
     * State handlers keep for this socket while it is open (e.g. the rooms it entered), keyed by
     * the handler's own names. Thread-safe.
     */
    Map<String, Object> attributes();

    /** {@code ["success", id, data]} for the action (the id only when the request had one). */
    void reply(Action action, JsonNode data);

    /** A server-initiated message: {@code [event, payload]}. */
    void push(String event, JsonNode payload);

    /**
     * Tells the client to reload ({@code ["connection.reload", {}]}) and closes the socket two
     * seconds later, as venueless does: a browser that ignores the push is not left connected.
     */
    void reload();
}
