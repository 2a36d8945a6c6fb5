package org.stoa.worlds.live;



import org.stoa.connections.ActionException;
import org.stoa.connections.Client;

/** What the worlds' handlers read from a socket. */
final class Sockets {

    private Sockets() {
    }

    /** The user the socket authenticated as (put there by {@link WorldGate}). */
    static LiveUser user(Client client) {
        Object user = client.attributes().get(WorldGate.USER);
        if (user instanceof LiveUser u) {
            return u;
        }
        throw new IllegalStateException("socket " + client.socketId() + " has no user");
    }

    static WorldView view(LiveWorlds live, Client client) throws ActionException {
        return live.view(client.worldId()).orElseThrow(() -> new ActionException("world.unknown_world"));
    }

    static void requireInWorld(WorldView view, LiveUser user, String permission) throws ActionException {
        if (!view.permissions().hasInWorld(user.principal(), permission)) {
            throw new ActionException("protocol.denied", "Permission denied.");
        }
    }

}
