package org.stoa.connections;

import java.util.Collection;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Who has a socket open, on any node of the cluster. */
@ProviderType
public interface OnlineUsers {

    /**
     * The users among {@code userIds} with an authenticated socket to the world on this node or
     * on any other live node. A socket opened on another node a moment ago may show a second
     * later: nodes record their sockets in batches.
     *
     * @throws IllegalStateException with a one-line message when the database cannot answer
     */
    Set<String> online(String worldId, Collection<String> userIds);
}
