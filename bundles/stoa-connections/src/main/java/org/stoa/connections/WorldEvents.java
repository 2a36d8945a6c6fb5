package org.stoa.connections;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.annotation.versioning.ProviderType;

/** Pushes to the sockets of a world on every node of the cluster. */
@ProviderType
public interface WorldEvents {

    /**
     * Delivers the event to every authenticated socket of the world, on this node and every
     * other, through the handler of the event's namespace (see {@link ActionHandler#onEvent}).
     * Returns once the event is on its way; delivery on other nodes follows within moments.
     */
    void publish(String worldId, String type, JsonNode data);

    /** This node's id, unique for the life of the process. */
    String nodeId();

    /** The ids of the nodes that reported recently, this one included. */
    Set<String> liveNodes();
}
