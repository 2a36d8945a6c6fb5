package org.stoa.worlds.live;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.WorldEvents;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;
import org.stoa.worlds.RoomModuleView;
import org.stoa.worlds.World;
import org.stoa.worlds.WorldException;
import org.stoa.worlds.WorldService;
import org.stoa.worlds.internal.JsonForms;

/**
 * What the WebSocket handlers of the worlds bundle share: worlds as recently read (a crowd
 * logging in at once reads each world once a second, not once per login), the users and room
 * views in the database, and the cluster's live nodes.
 */
@Component(service = LiveWorlds.class)
public class LiveWorlds {

    /** New logins may see a world this old; sockets already in get every change pushed at once. */
    private static final long VIEW_TTL_NANOS = 5_000_000_000L;
    private static final long NODES_TTL_NANOS = 2_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveWorlds.class);

    private record Nodes(Set<String> ids, long loadedNanos) {
    }

    private final WorldService worlds;
    private final WorldEvents events;
    private final Transactions<IllegalStateException> transactions;
    private final UserRepository users = new UserRepository();
    private final Map<String, WorldView> views = new ConcurrentHashMap<>();
    /**
     * One read per world at a time, on a fixed set of locks (a lock per world id ever asked for
     * grew for good under upgrades to random ids); two worlds sharing a lock only wait for each other.
     */
    private final Object[] loading = new Object[64];
    private final UnknownWorlds unknown = new UnknownWorlds();
    private final List<RoomModuleView> moduleViews = new CopyOnWriteArrayList<>();
    private volatile Nodes nodes = new Nodes(Set.of(), Long.MIN_VALUE);
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stoa-worlds-sweep");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public LiveWorlds(@Reference WorldService worlds, @Reference WorldEvents events,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-worlds)") ModuleSchema schema) {
        this(worlds, events, schema, 60);
    }

    /**
     * Room views left by nodes that died are swept every {@code sweepSeconds}. A node id repeats
     * when a container restarts (same host name, same pid): the views of its earlier life are
     * dropped before this one lets anybody into a room, or they would count again as live.
     */
    LiveWorlds(WorldService worlds, WorldEvents events, ModuleSchema schema, long sweepSeconds) {
        this.worlds = worlds;
        this.events = events;
        this.transactions = new Transactions<>(schema.dataSource(), IllegalStateException::new);
        Arrays.setAll(loading, i -> new Object());
        sweepQuietly("forget the room views of an earlier life of this node",
                c -> users.forgetNode(c, events.nodeId()));
        sweeper.scheduleWithFixedDelay(() -> sweepQuietly("forget the room views of dead nodes",
                c -> users.forgetDeadNodes(c, liveNodes())), sweepSeconds, sweepSeconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        sweeper.shutdownNow();
    }

    /** Housekeeping no one waits for: a failure (the database is away) is a warning, and the next sweep tries again. */
    private interface Sweep {
        void run(java.sql.Connection c) throws java.sql.SQLException;
    }

    private void sweepQuietly(String what, Sweep work) {
        try {
            transactions.inTransaction(c -> {
                work.run(c);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not {}: {}", what, e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModuleView(RoomModuleView view) {
        moduleViews.add(view);
    }

    void removeModuleView(RoomModuleView view) {
        moduleViews.remove(view);
    }

    /** The world as read within the last seconds, or empty when there is no such world. */
    Optional<WorldView> view(String worldId) {
        WorldView view = views.get(worldId);
        if (fresh(view)) {
            return Optional.of(view);
        }
        // One read per world at a time: a crowd arriving together waits for it instead of
        // each taking a database connection for the same rows.
        if (unknown.isKnownMissing(worldId)) {
            return Optional.empty();
        }
        synchronized (loading[Math.floorMod(worldId.hashCode(), loading.length)]) {
            view = views.get(worldId);
            if (fresh(view)) {
                return Optional.of(view);
            }
            if (unknown.isKnownMissing(worldId)) {
                return Optional.empty();
            }
            return reload(worldId);
        }
    }

    private static boolean fresh(WorldView view) {
        return view != null && System.nanoTime() - view.loadedNanos() < VIEW_TTL_NANOS;
    }

    /** Drops the world as read, so the next reader (a login, a socket's world.updated) reads it again. */
    void forget(String worldId) {
        unknown.forget(worldId);
        views.remove(worldId);
    }

    private Optional<WorldView> reload(String worldId) {
        try {
            Optional<World> world = worlds.find(worldId);
            if (world.isEmpty()) {
                views.remove(worldId);
                unknown.missing(worldId);
                return Optional.empty();
            }
            Map<UUID, Integer> inRooms = inTransaction(c -> users.usersInRooms(c, worldId, liveNodes()));
            WorldView view = new WorldView(world.get(), worlds.rooms(worldId), inRooms, moduleViews, System.nanoTime());
            views.put(worldId, view);
            return Optional.of(view);
        } catch (WorldException e) {
            throw new IllegalStateException("cannot read world " + worldId + ": " + e.getMessage(), e);
        }
    }

    Set<String> liveNodes() {
        Nodes current = nodes;
        if (System.nanoTime() - current.loadedNanos() < NODES_TTL_NANOS && current.ids().contains(events.nodeId())) {
            return current.ids();
        }
        Set<String> ids = new java.util.HashSet<>(events.liveNodes());
        ids.add(events.nodeId());
        nodes = new Nodes(Set.copyOf(ids), System.nanoTime());
        return nodes.ids();
    }

    /**
     * Puts the socket into the room — in the database with this node, so every node counts it —
     * and tells the world when the room's coarse occupancy changes.
     */
    void enterRoom(String worldId, String socketId, UUID room, UUID user) {
        announce(worldId, room, inTransaction(c -> users.enter(c, socketId, room, user, events.nodeId(), liveNodes())));
    }

    /** Takes the socket out of the room; true when that was the user's last socket in it. */
    boolean leaveRoom(String worldId, String socketId, UUID room, UUID user) {
        UserRepository.Occupancy occupancy = inTransaction(c -> users.leave(c, socketId, room, user, liveNodes()));
        announce(worldId, room, occupancy);
        return !occupancy.userThere();
    }

    /** The users in the room now, on every live node. */
    List<LiveUser> viewers(String worldId, UUID room) {
        return inTransaction(c -> users.viewers(c, worldId, room, liveNodes()));
    }

    /** Venueless shows occupancy as none / few / many: only a change of that is news. */
    private void announce(String worldId, UUID room, UserRepository.Occupancy occupancy) {
        String before = WorldView.approximate(occupancy.before());
        String after = WorldView.approximate(occupancy.after());
        if (!before.equals(after)) {
            ObjectNode change = JsonForms.MAPPER.createObjectNode();
            change.put("room", room.toString());
            change.put("users", after);
            events.publish(worldId, "world.user_count_change", change);
        }
    }

    UserRepository users() {
        return users;
    }

    Transactions<IllegalStateException> transactions() {
        return transactions;
    }

    /**
     * Runs the work in one transaction. A database failure is an internal error here: the
     * client gets server.fatal, as venueless answers an exception.
     */
    <T> T inTransaction(Transactions.Work<T, IllegalStateException> work) {
        return transactions.inTransaction(work);
    }
}
