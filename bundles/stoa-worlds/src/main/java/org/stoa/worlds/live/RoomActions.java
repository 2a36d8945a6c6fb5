package org.stoa.worlds.live;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.stoa.connections.cluster.ClusterBus;
import org.stoa.worlds.Room;
import org.stoa.worlds.internal.JsonForms;

/**
 * {@code room.enter} and {@code room.leave}: who is in which room, across every node. When a
 * room's coarse occupancy (none, few, many) changes, every socket of the world hears
 * {@code world.user_count_change}. Holders of {@code room:viewers} get the room's viewers on
 * entering and hear {@code room.viewer.added} / {@code room.viewer.removed} while they are in it.
 */
@Component(service = ActionHandler.class, property = ActionHandler.NAMESPACE + "=room")
public class RoomActions implements ActionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RoomActions.class);

    private static final String ROOMS = "worlds.rooms";
    private static final String VIEWER_ADDED = "room.viewer.added";
    private static final String VIEWER_REMOVED = "room.viewer.removed";

    private final LiveWorlds live;
    private final RoomViewers viewers;
    private final ClusterBus bus;

    @Activate
    public RoomActions(@Reference LiveWorlds live, @Reference RoomViewers viewers, @Reference ClusterBus bus) {
        this.live = live;
        this.viewers = viewers;
        this.bus = bus;
    }

    @Override
    public boolean handle(Client client, Action action) throws ActionException {
        switch (action.name()) {
            case "room.enter" -> enter(client, action);
            case "room.leave" -> {
                Room room = room(client, action, false);
                leave(client, room.id());
                client.reply(action, JsonForms.MAPPER.createObjectNode());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void enter(Client client, Action action) throws ActionException {
        Room room = room(client, action, true);
        WorldView view = Sockets.view(live, client);
        LiveUser user = Sockets.user(client);
        live.enterRoom(client.worldId(), client.socketId(), room.id(), user.id());
        roomsOf(client).add(room.id());
        // As venueless: every entry is announced (a viewer list never misses a second tab's user).
        ObjectNode added = JsonForms.MAPPER.createObjectNode();
        added.set("user", view.publicUser(user));
        announce(client.worldId(), room.id(), VIEWER_ADDED, added);
        ObjectNode reply = JsonForms.MAPPER.createObjectNode();
        if (view.permissions().hasInRoom(user.principal(), room.id(), room.traitGrants(), "room:viewers")) {
            viewers.watch(room.id(), client);
            ArrayNode list = reply.putArray("viewers");
            for (LiveUser viewer : live.viewers(client.worldId(), room.id())) {
                list.add(view.publicUser(viewer));
            }
        }
        client.reply(action, reply);
    }

    private void leave(Client client, UUID room) {
        roomsOf(client).remove(room);
        viewers.unwatch(room, client);
        if (live.leaveRoom(client.worldId(), client.socketId(), room, UUID.fromString(client.userId()))) {
            ObjectNode removed = JsonForms.MAPPER.createObjectNode();
            removed.put("user_id", client.userId());
            announce(client.worldId(), room, VIEWER_REMOVED, removed);
        }
    }

    /** Tells the room's watchers on every node, this one included. */
    private void announce(String world, UUID room, String type, ObjectNode data) {
        bus.publish(RoomViewers.CHANGES, new RoomViewers.Change(world, room.toString(), type, data));
    }

    /** A socket that entered no room costs nothing when it closes: no query. */
    @Override
    public void onClose(Client client) {
        try {
            for (UUID room : List.copyOf(roomsOf(client))) {
                leave(client, room);
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
