package org.stoa.chat.live;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.WorldEvent;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;
import org.stoa.worlds.Room;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;

/**
 * One channel per {@code chat.native} room, made as soon as the room is: when a world is
 * imported, created or cloned, and when a room is created or gains a chat module (the worlds'
 * tables announce each such change as {@code world.update}), and at start for the rooms made
 * while chat was not installed. A deleted room keeps its channel and history, as in venueless;
 * they are only out of reach while the room is deleted.
 */
@Component(service = ClusterReceiver.class)
public class RoomChannels implements ClusterReceiver<WorldEvent> {

    /** The worlds' change events (stoa-connections' world-event channel, which the worlds' triggers publish on). */
    static final Topic<WorldEvent> WORLD_EVENTS = new Topic<>("stoa_world_events", WorldEvent.class);

    private static final Logger LOG = LoggerFactory.getLogger(RoomChannels.class);

    private final ChatStore store;
    private final WorldService worlds;
    // One thread: the listener of the database must not wait for reads of rooms.
    private final ExecutorService work = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "stoa-chat-room-channels");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public RoomChannels(@Reference ChatStore store, @Reference WorldService worlds) {
        this.store = store;
        this.worlds = worlds;
        work.execute(this::backfill);
    }

    @Deactivate
    void stop() throws InterruptedException {
        work.shutdownNow();
        work.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public Topic<WorldEvent> topic() {
        return WORLD_EVENTS;
    }

    @Override
    public void receive(WorldEvent event) {
        if ("world.update".equals(event.type()) && event.world() != null) {
            work.execute(() -> ensure(event.world()));
        }
    }

    private void backfill() {
        try {
            for (World world : worlds.list()) {
                ensure(world.id());
            }
        } catch (WorldException | RuntimeException e) {
            LOG.warn("could not make the channels of existing chat rooms: {}", e.getMessage());
        }
    }

    /** Makes the missing channels of the world's chat rooms. */
    void ensure(String worldId) {
        try {
            List<UUID> chatRooms = new ArrayList<>();
            for (Room room : worlds.rooms(worldId)) {
                if (ChatModules.hasChat(room)) {
                    chatRooms.add(room.id());
                }
            }
            if (!chatRooms.isEmpty()) {
                int made = store.read(c -> store.repository().ensureRoomChannels(c, worldId, chatRooms));
                if (made > 0) {
                    LOG.debug("made {} chat channels in world {}", made, worldId);
                }
            }
        } catch (WorldException e) {
            // A world deleted meanwhile has no rooms to chat in.
            LOG.debug("no chat channels for world {}: {}", worldId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("could not make the chat channels of world {}: {}", worldId, e.getMessage());
        }
    }
}
