package org.stoa.worlds;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.annotation.versioning.ProviderType;
import org.stoa.connections.Client;

/**
 * What a module with its own WebSocket namespace (e.g. chat) needs of the worlds bundle: who a
 * socket's user is, the rooms as recently read, and whether the user may do something there.
 * Answers come from the worlds' short-lived cache, so a handler may ask on every action.
 */
@ProviderType
public interface WorldMembers {

    /** The socket's user; empty for a socket the worlds bundle did not let in. */
    Optional<Member> member(Client client);

    /** A room of the socket's world that is not deleted. */
    Optional<Room> room(Client client, UUID roomId);

    /** Whether the socket's user holds at least one of these permissions in the world. */
    boolean hasInWorld(Client client, String... anyOf);

    /** Whether the socket's user holds at least one of these permissions in the room. */
    boolean hasInRoom(Client client, Room room, String... anyOf);

    /**
     * Whether one of {@code blockers} has blocked one of {@code others} ({@code user.block});
     * chat refuses direct messages across a block.
     */
    boolean hasBlocked(Collection<UUID> blockers, Collection<UUID> others);

    /** What others see of these users of the world (those that exist), keyed by their id. */
    Map<UUID, ObjectNode> publicUsers(String worldId, Collection<UUID> ids);
}
