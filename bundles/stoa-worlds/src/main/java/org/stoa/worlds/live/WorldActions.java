package org.stoa.worlds.live;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.connections.Action;
import org.stoa.connections.ActionHandler;
import org.stoa.connections.Client;
import org.stoa.connections.WorldEvent;

/**
 * The {@code world} namespace's events: {@code world.update} (published by the database when a
 * world or its rooms change) becomes {@code world.updated} with each user's own view of the
 * world, and {@code world.user_count_change} reaches only users who may see the room.
 */
@Component(service = ActionHandler.class, property = ActionHandler.NAMESPACE + "=world")
public class WorldActions implements ActionHandler {

    private static final String VISIBLE_ROOMS = "worlds.visibleRooms";

    private final LiveWorlds live;

    @Activate
    public WorldActions(@Reference LiveWorlds live) {
        this.live = live;
    }

    @Override
    public boolean handle(Client client, Action action) {
        return false;
    }

    /**
     * Runs once per node before the event reaches the node's sockets: the first socket reads the
     * world again and every other one shares that read. Logins after a change see it too, whether
     * or not this node has sockets in the world.
     */
    @Override
    public void onNodeEvent(WorldEvent event) {
        if ("world.update".equals(event.type())) {
            live.forget(event.world());
        }
    }

    @Override
    public void onEvent(Client client, WorldEvent event) {
        switch (event.type()) {
            case "world.update" -> {
                WorldView view = live.view(event.world()).orElse(null);
                if (view == null) {
                    return;
                }
                var principal = Sockets.user(client).principal();
                client.attributes().put(VISIBLE_ROOMS, view.visibleRooms(principal));
                client.push("world.updated", view.configFor(principal));
            }
            case "world.user_count_change" -> {
                if (visibleRooms(client).contains(event.data().path("room").asText())) {
                    client.push(event.type(), event.data());
                }
            }
            default -> ActionHandler.super.onEvent(client, event);
        }
    }

    @SuppressWarnings("unchecked")
    private Set<String> visibleRooms(Client client) {
        Object known = client.attributes().get(VISIBLE_ROOMS);
        if (known instanceof Set<?> rooms) {
            return (Set<String>) rooms;
        }
        WorldView view = live.view(client.worldId()).orElse(null);
        Set<String> rooms = view == null ? Set.of() : view.visibleRooms(Sockets.user(client).principal());
        client.attributes().put(VISIBLE_ROOMS, rooms);
        return rooms;
    }
}
