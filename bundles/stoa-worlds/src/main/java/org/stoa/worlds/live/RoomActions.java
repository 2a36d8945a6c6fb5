package org.stoa.worlds.live;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.Action;
import org.stoa.connections.ActionException;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Client;
import org.stoa.worlds.Room;
import org.stoa.worlds.internal.JsonForms;

/**
 * {@code room.enter} and {@code room.leave}: who is in which room, across every node. When a
 * room's coarse occupancy (none, few, many) changes, every socket of the world hears
 * {@code world.user_count_change}.
 */
@Component(service = ActionHandler.class, property = ActionHandler.NAMESPACE + "=room")
public class RoomActions implements ActionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RoomActions.class);

    private static final String ROOMS = "worlds.rooms";

    private final LiveWorlds live;

    @Activate
    public RoomActions(@Reference LiveWorlds live) {
        this.live = live;
    }

    @Override
    public boolean handle(Client client, Action action) throws ActionException {
        switch (action.name()) {
            case "room.enter" -> {
                Room room = room(client, action, true);
                live.enterRoom(client.worldId(), client.socketId(), room.id(), Sockets.user(client).id());
                roomsOf(client).add(room.id());
                client.reply(action, JsonForms.MAPPER.createObjectNode());
            }
            case "room.leave" -> {
                Room room = room(client, action, false);
                live.leaveRoom(client.worldId(), client.socketId(), room.id());
                roomsOf(client).remove(room.id());
                client.reply(action, JsonForms.MAPPER.createObjectNode());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A socket that entered no room costs nothing when it closes: no query. */
    @Override
    public void onClose(Client client) {
        try {
            for (UUID room : roomsOf(client)) {
                live.leaveRoom(client.worldId(), client.socketId(), room);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not take closed socket {} out of its rooms: {}", client.socketId(), e.getMessage());
        }
    }

    /** The rooms this socket is in, as it entered and left them. */
    @SuppressWarnings("unchecked")
    private static Set<UUID> roomsOf(Client client) {
        return (Set<UUID>) client.attributes().computeIfAbsent(ROOMS, k -> ConcurrentHashMap.newKeySet());
    }

    private Room room(Client client, Action action, boolean needView) throws ActionException {
        WorldView view = Sockets.view(live, client);
        Room room = Action.uuid(action.body().path("room")).map(view::room).orElse(null);
        if (room == null) {
            throw new ActionException("room.unknown", "Unknown room ID");
        }
        LiveUser user = Sockets.user(client);
        if (needView && !view.permissions().hasInRoom(user.principal(), room.id(), room.traitGrants(), "room:view")) {
            throw new ActionException("protocol.denied", "Permission denied.");
        }
        return room;
    }
}
