package org.stoa.connections.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.OnlineUsers;
import org.stoa.connections.cluster.ClusterBus;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;
import org.stoa.connections.internal.ConnectionMessage.ReplaceSockets;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;

/**
 * Where each user's sockets are, across every node. In a world that limits how many sockets a
 * user may hold, the newest stays and the oldest beyond the limit are replaced wherever they are;
 * those sockets are recorded at once, since the next login counts them. Every other socket is
 * recorded in a batch a moment later, for {@link OnlineUsers}: a crowd logging in costs a few
 * statements a second, not one per login.
 */
@Component(service = { ConnectionLimits.class, ClusterReceiver.class, OnlineUsers.class })
public class ConnectionLimits implements ClusterReceiver<ConnectionMessage>, OnlineUsers {

    private static final long RECORD_EVERY_MILLIS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);

    private final ClusterRepository repository = new ClusterRepository();
    private final Set<String> limitedSockets = ConcurrentHashMap.newKeySet();
    /** Sockets opened and closed since the last batch: socket id → the socket (opened) or empty (closed). */
    private final Map<String, Optional<Socket>> unrecorded = new ConcurrentHashMap<>();
    private final ScheduledExecutorService recorder = Executors.newSingleThreadScheduledExecutor(
            Threads.daemon("stoa-connections-presence"));
    private final DataSource database;
    private final LiveSockets sockets;
    private final NodeCounts node;
    private final ClusterBus bus;

    @Activate
    public ConnectionLimits(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-connections)") ModuleSchema schema,
            @Reference LiveSockets sockets, @Reference NodeCounts node, @Reference ClusterBus bus) {
        this.database = schema.dataSource();
        this.sockets = sockets;
        this.node = node;
        this.bus = bus;
        recorder.scheduleWithFixedDelay(this::recordBatch, RECORD_EVERY_MILLIS, RECORD_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        // What is unrecorded goes with this node's rows, which NodeCounts removes as it stops.
        recorder.shutdownNow();
    }

    /** An authenticated socket: recorded at once and limited when its world limits sockets, else in the next batch. */
    void opened(Socket socket, int limit) {
        if (limit > 0) {
            enforce(socket, limit);
        } else {
            unrecorded.put(socket.socketId(), Optional.of(socket));
        }
    }

    /** Records the socket of a user whose world limits sockets; closes the user's oldest beyond the limit, wherever they are. */
    private void enforce(Socket socket, int limit) {
        limitedSockets.add(socket.socketId());
        try (Connection c = database.getConnection()) {
            List<String> excess = repository.openLimited(c, socket.socketId(), node.identity().id(), socket.worldId(),
                    socket.userId(), limit, node.staleSeconds());
            List<String> elsewhere = new ArrayList<>();
            for (String id : excess) {
                Socket local = sockets.find(id);
                if (local != null) {
                    local.replaced();
                } else {
                    elsewhere.add(id);
                }
            }
            if (!elsewhere.isEmpty()) {
                bus.publish(c, ConnectionMessage.TOPIC, new ReplaceSockets(elsewhere));
            }
        } catch (SQLException e) {
            LOG.warn("could not apply the connection limit to socket {}: {}", socket.socketId(), e.getMessage());
        }
    }

    void socketClosed(Socket socket) {
        if (limitedSockets.remove(socket.socketId())) {
            BackgroundWork.run(database, LOG, "forget a closed socket", c -> repository.closeLimited(c, socket.socketId()));
        } else if (socket.userId() != null) {
            // Opened and closed within one batch: nothing to record, nothing to forget.
            if (unrecorded.remove(socket.socketId()) == null) {
                unrecorded.put(socket.socketId(), Optional.empty());
            }
        }
    }

    private void recordBatch() {
        if (unrecorded.isEmpty()) {
            return;
        }
        List<String[]> opened = new ArrayList<>();
        List<String> closed = new ArrayList<>();
        for (String id : List.copyOf(unrecorded.keySet())) {
            Optional<Socket> socket = unrecorded.remove(id);
            if (socket == null) {
                continue;
            }
            socket.ifPresentOrElse(s -> opened.add(new String[] { id, s.worldId(), s.userId() }), () -> closed.add(id));
        }
        BackgroundWork.run(database, LOG, "record this node's sockets", c -> {
            if (!opened.isEmpty()) {
                repository.recordSockets(c, node.identity().id(), opened);
            }
            if (!closed.isEmpty()) {
                repository.forgetSockets(c, closed);
            }
        });
    }

    @Override
    public Set<String> online(String worldId, Collection<String> userIds) {
        Set<String> wanted = new HashSet<>(userIds);
        Set<String> online = new HashSet<>();
        for (Socket socket : sockets.inWorld(worldId)) {
            if (wanted.contains(socket.userId())) {
                online.add(socket.userId());
            }
        }
        wanted.removeAll(online);
        if (wanted.isEmpty()) {
            return online;
        }
        try (Connection c = database.getConnection()) {
            online.addAll(repository.online(c, worldId, wanted, node.staleSeconds()));
            return online;
        } catch (SQLException e) {
            throw new IllegalStateException(Transactions.message(e), e);
        }
    }

    @Override
    public Topic<ConnectionMessage> topic() {
        return ConnectionMessage.TOPIC;
    }

    @Override
    public void receive(ConnectionMessage message) {
        if (message instanceof ReplaceSockets replace) {
            for (String id : replace.sockets()) {
                Socket local = sockets.find(id);
                if (local != null) {
                    local.replaced();
                }
            }
        }
    }
}
