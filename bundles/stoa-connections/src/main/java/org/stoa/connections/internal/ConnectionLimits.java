package org.stoa.connections.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.cluster.ClusterBus;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;
import org.stoa.connections.internal.ConnectionMessage.ReplaceSockets;
import org.stoa.db.ModuleSchema;

/**
 * How many sockets a user may hold in a world that limits them, across every node: the newest
 * socket stays, the oldest beyond the limit are replaced wherever they are.
 */
@Component(service = { ConnectionLimits.class, ClusterReceiver.class })
public class ConnectionLimits implements ClusterReceiver<ConnectionMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);

    private final ClusterRepository repository = new ClusterRepository();
    private final Set<String> limitedSockets = ConcurrentHashMap.newKeySet();
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
    }

    /** Records the socket of a user whose world limits sockets; closes the user's oldest beyond the limit, wherever they are. */
    void enforce(Socket socket, int limit) {
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
