package org.stoa.connections.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.stoa.connections.WorldEvent;

/** This node's open sockets: all of them (what the counts report) and the authenticated ones by world. */
@Component(service = LiveSockets.class)
public class LiveSockets implements Controllable.Source {

    private final Map<String, Socket> open = new ConcurrentHashMap<>();
    private final Map<String, Set<Socket>> byWorld = new ConcurrentHashMap<>();
    /** Traffic since start, for /metrics: an adder per message costs no lock and no allocation. */
    final LongAdder messagesIn = new LongAdder();
    final LongAdder messagesOut = new LongAdder();
    final LongAdder authentications = new LongAdder();
    /** Failed authentications by error code (a handful of codes, so the map stays small). */
    final Map<String, LongAdder> authenticationFailures = new ConcurrentHashMap<>();

    void authenticationFailed(String code) {
        authenticationFailures.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    void opened(Socket socket) {
        open.put(socket.socketId(), socket);
    }

    void authenticated(Socket socket) {
        authentications.increment();
        byWorld.computeIfAbsent(socket.worldId(), w -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    void closed(Socket socket) {
        open.remove(socket.socketId());
        Set<Socket> world = byWorld.get(socket.worldId());
        if (world != null) {
            world.remove(socket);
        }
    }

    /** The authenticated sockets of the world on this node. */
    Set<Socket> inWorld(String worldId) {
        return byWorld.getOrDefault(worldId, Set.of());
    }

    int count() {
        return open.size();
    }

    Socket find(String socketId) {
        return open.get(socketId);
    }

    @Override
    public List<Socket> all() {
        return new ArrayList<>(open.values());
    }

    @Override
    public List<Socket> oldestFirst() {
        List<Socket> all = all();
        all.sort((a, b) -> Long.compare(a.openedNanos(), b.openedNanos()));
        return all;
    }

    /** The worlds with authenticated sockets on this node now. */
    Set<String> worlds() {
        Set<String> worlds = new java.util.TreeSet<>();
        byWorld.forEach((world, sockets) -> {
            if (!sockets.isEmpty()) {
                worlds.add(world);
            }
        });
        return worlds;
    }

    /** Hands the event to every authenticated socket of its world on this node. */
    void deliver(WorldEvent event) {
        Set<Socket> world = byWorld.get(event.world());
        if (world != null) {
            for (Socket socket : world) {
                socket.deliver(event);
            }
        }
    }

    /** The bundle is stopping: every client is told to come back (to this node's successor or another). */
    @Deactivate
    void closeAll() {
        for (Socket socket : List.copyOf(open.values())) {
            socket.closeNow(1001, "server stopping");
        }
    }
}
