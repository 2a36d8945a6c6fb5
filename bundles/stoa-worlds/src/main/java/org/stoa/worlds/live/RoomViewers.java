package org.stoa.worlds.live;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import org.osgi.service.component.annotations.Component;
import org.stoa.connections.Client;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;

/**
 * The sockets of this node watching a room's viewers (in the room, with {@code room:viewers}),
 * and the viewer changes every node announces to them. A change goes only to the watchers of its
 * room: a crowd entering a room costs one push per watcher, not one call per socket of the world.
 * Changes are published by {@link RoomActions} on {@link #CHANGES} (a receiver must not need the
 * bus that needs the receivers).
 */
@Component(service = { RoomViewers.class, ClusterReceiver.class })
public class RoomViewers implements ClusterReceiver<RoomViewers.Change> {

    /**
     * A viewer came into or left a room.
     *
     * @param type {@code room.viewer.added} or {@code room.viewer.removed}
     * @param data what watchers get pushed, as venueless sends it (the room is not named)
     */
    public record Change(String world, String room, String type, JsonNode data) {
    }

    static final Topic<Change> CHANGES = new Topic<>("stoa_room_viewers", Change.class);

    private final Map<UUID, Set<Client>> watchers = new ConcurrentHashMap<>();

    void watch(UUID room, Client client) {
        watchers.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet()).add(client);
    }

    void unwatch(UUID room, Client client) {
        watchers.computeIfPresent(room, (k, clients) -> {
            clients.remove(client);
            return clients.isEmpty() ? null : clients;
        });
    }

    @Override
    public Topic<Change> topic() {
        return CHANGES;
    }

    @Override
    public void receive(Change change) {
        Set<Client> clients;
        try {
            clients = watchers.get(UUID.fromString(change.room()));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (clients == null) {
            return;
        }
        for (Client client : clients) {
            if (client.worldId().equals(change.world())) {
                client.push(change.type(), change.data());
            }
        }
    }
}
