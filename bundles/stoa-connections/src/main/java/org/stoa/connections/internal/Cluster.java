package org.stoa.connections.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.WorldEvent;
import org.stoa.connections.WorldEvents;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;

/**
 * This node's part in the cluster, which shares nothing but PostgreSQL: it reports its
 * connection count every few seconds, and listens (LISTEN/NOTIFY) for world events, drops,
 * force-reloads and replaced sockets from every node, itself included.
 */
@Component(service = {Cluster.class, WorldEvents.class}, configurationPid = ConnectionsConfiguration.PID)
@Designate(ocd = ConnectionsConfiguration.class)
public class Cluster implements WorldEvents {

    /**
     * World events, payload {@code {"world", "type", "data"}} — or {@code {"stored": id}} naming a
     * row of cluster_messages. SQL may publish too (a trigger of the bundle that owns the data).
     */
    static final String EVENTS = "stoa_world_events";
    /** Connection control: {@code {"kind": "control" | "replace", ...}} or {@code {"stored": id}}. */
    static final String CONTROL = "stoa_connections";
    /** NOTIFY refuses payloads of 8000 bytes or more; longer messages go through a table. */
    private static final int NOTIFY_LIMIT = 7900;

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    /** A drop or force-reload, as every node receives it. */
    record ControlRequest(UUID request, String action, List<String> filters, int intervalMillis) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final ClusterRepository repository = new ClusterRepository();
    private final Set<String> limitedSockets = ConcurrentHashMap.newKeySet();
    private final DataSource database;
    private final LiveSockets sockets;
    private final Router router;
    private final NodeIdentity identity;
    private final int staleSeconds;
    private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(
            daemon("stoa-connections-report"));
    /** One thread, so a world's events reach its sockets in the order they were published. */
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(daemon("stoa-connections-deliver"));
    private final ExecutorService control = Executors.newCachedThreadPool(daemon("stoa-connections-control"));
    private final Thread listener;
    private volatile boolean running = true;

    @Activate
    public Cluster(BundleContext context, ConnectionsConfiguration config,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-connections)") ModuleSchema schema,
            @Reference LiveSockets sockets, @Reference Router router) {
        this.database = schema.dataSource();
        this.sockets = sockets;
        this.router = router;
        this.identity = NodeIdentity.of(context.getBundle(), config);
        this.staleSeconds = config.staleAfterSeconds();
        quietly("forget an earlier life of this node", c -> repository.forgetNode(c, identity.id()));
        report();
        reporter.scheduleWithFixedDelay(this::report, config.reportSeconds(), config.reportSeconds(), TimeUnit.SECONDS);
        reporter.scheduleWithFixedDelay(() -> quietly("sweep", c -> repository.sweep(c, staleSeconds)),
                0, 60, TimeUnit.SECONDS);
        listener = new Thread(this::listen, "stoa-connections-listen");
        listener.setDaemon(true);
        listener.start();
        LOG.info("connections node {} with label {}", identity.id(), identity.label());
    }

    @Deactivate
    void stop() {
        running = false;
        reporter.shutdownNow();
        control.shutdownNow();
        delivery.shutdownNow();
        listener.interrupt();
        try {
            listener.join(2000);
        } catch (InterruptedException e) {
            // Karaf interrupts the thread stopping us when it shuts down: still withdraw our counts
            Thread.currentThread().interrupt();
        }
        quietly("remove this node's counts", c -> repository.forgetNode(c, identity.id()));
    }

    NodeIdentity identity() {
        return identity;
    }

    // --- WorldEvents

    @Override
    public void publish(String worldId, String type, JsonNode data) {
        ObjectNode event = json.createObjectNode();
        event.put("world", worldId);
        event.put("type", type);
        event.set("data", data == null ? json.createObjectNode() : data);
        send(EVENTS, event);
    }

    @Override
    public String nodeId() {
        return identity.id();
    }

    @Override
    public Set<String> liveNodes() {
        try (Connection c = database.getConnection()) {
            return repository.liveNodes(c, staleSeconds);
        } catch (SQLException e) {
            throw new IllegalStateException(Transactions.message(e), e);
        }
    }

    // --- counts and control, for the commands

    /** Label → connections over every live node. */
    public Map<String, Long> counts() throws SQLException {
        try (Connection c = database.getConnection()) {
            return repository.counts(c, staleSeconds);
        }
    }

    /** Asks every node to drop or reload its sockets whose label matches; returns the request's id. */
    UUID requestControl(String action, List<String> filters, int intervalMillis) throws SQLException {
        UUID request = UUID.randomUUID();
        ObjectNode message = json.createObjectNode();
        message.put("kind", "control");
        message.put("request", request.toString());
        message.put("action", action);
        filters.forEach(message.putArray("filters")::add);
        message.put("interval", intervalMillis);
        try (Connection c = database.getConnection()) {
            notify(c, CONTROL, message);
        }
        // A drop or reload of the whole cluster leaves a trace, with its time, in the log of the node
        // that asked — once the request is out, so a request that failed is not logged as made.
        LOG.info("connections: {} requested for labels {} every {} ms (request {})", action, filters, intervalMillis,
                request);
        return request;
    }

    List<NodeReport> reports(UUID request) throws SQLException {
        try (Connection c = database.getConnection()) {
            return repository.reports(c, request);
        }
    }

    // --- connection limits, for sockets

    /** Records the socket of a user whose world limits sockets; closes the user's oldest beyond the limit, wherever they are. */
    void enforceConnectionLimit(Socket socket, int limit) {
        limitedSockets.add(socket.socketId());
        try (Connection c = database.getConnection()) {
            List<String> excess = repository.openLimited(c, socket.socketId(), identity.id(), socket.worldId(),
                    socket.userId(), limit, staleSeconds);
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
                ObjectNode message = json.createObjectNode();
                message.put("kind", "replace");
                elsewhere.forEach(message.putArray("sockets")::add);
                notify(c, CONTROL, message);
            }
        } catch (SQLException e) {
            LOG.warn("could not apply the connection limit to socket {}: {}", socket.socketId(), e.getMessage());
        }
    }

    void socketClosed(Socket socket) {
        if (limitedSockets.remove(socket.socketId())) {
            quietly("forget a closed socket", c -> repository.closeLimited(c, socket.socketId()));
        }
    }

    // --- inside

    private void report() {
        quietly("report this node's connections",
                c -> repository.reportCount(c, identity.id(), identity.label(), sockets.count()));
    }

    private void send(String channel, ObjectNode message) {
        try (Connection c = database.getConnection()) {
            notify(c, channel, message);
        } catch (SQLException e) {
            throw new IllegalStateException(Transactions.message(e), e);
        }
    }

    private void notify(Connection c, String channel, ObjectNode message) throws SQLException {
        String payload = message.toString();
        if (payload.getBytes(StandardCharsets.UTF_8).length > NOTIFY_LIMIT) {
            ObjectNode stored = json.createObjectNode();
            stored.put("stored", repository.storeMessage(c, payload));
            payload = stored.toString();
        }
        repository.notify(c, channel, payload);
    }

    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection c = database.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + EVENTS);
                    s.execute("LISTEN " + CONTROL);
                }
                if (failing) {
                    LOG.info("listening to the cluster again");
                    failing = false;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            received(n.getName(), n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running && !failing) {
                    LOG.warn("lost the cluster's notifications ({}); retrying every second", e.getMessage());
                    failing = true;
                }
                sleep(1000);
            }
        }
    }

    private void received(String channel, String payload) {
        JsonNode message;
        try {
            message = json.readTree(payload);
            if (message.has("stored")) {
                long id = message.get("stored").asLong();
                try (Connection c = database.getConnection()) {
                    var stored = repository.message(c, id);
                    if (stored.isEmpty()) {
                        LOG.warn("cluster message {} is gone before it was read", id);
                        return;
                    }
                    message = json.readTree(stored.get());
                }
            }
        } catch (Exception e) {
            LOG.warn("ignoring an unreadable cluster message on {}: {}", channel, e.getMessage());
            return;
        }
        if (EVENTS.equals(channel)) {
            WorldEvent event = new WorldEvent(message.path("world").asText(), message.path("type").asText(),
                    message.path("data"));
            if (!event.world().isEmpty() && !event.type().isEmpty()) {
                delivery.execute(() -> {
                    var handler = router.handler(event.namespace());
                    if (handler != null) {
                        try {
                            handler.onNodeEvent(event);
                        } catch (RuntimeException e) {
                            LOG.error("WebSocket handler {} failed on event {}", handler.getClass().getName(), event.type(), e);
                        }
                    }
                    sockets.deliver(event);
                });
            }
        } else if ("replace".equals(message.path("kind").asText())) {
            for (JsonNode id : message.path("sockets")) {
                Socket local = sockets.find(id.asText());
                if (local != null) {
                    local.replaced();
                }
            }
        } else if ("control".equals(message.path("kind").asText())) {
            List<String> filters = new ArrayList<>();
            message.path("filters").forEach(f -> filters.add(f.asText()));
            ControlRequest request = new ControlRequest(UUID.fromString(message.path("request").asText()),
                    message.path("action").asText(), filters, message.path("interval").asInt(0));
            control.execute(() -> act(request));
        }
    }

    /** Applies a drop or force-reload to this node's matching sockets, reporting progress as it goes. */
    private void act(ControlRequest request) {
        boolean matches = false;
        for (String filter : request.filters()) {
            matches |= Glob.compile(filter).matcher(identity.label()).matches();
        }
        boolean staggered = request.intervalMillis() > 0;
        boolean reload = "reload".equals(request.action());
        // Staggered, the longest-open sockets go first; all at once, the order is moot and sorting tens of
        // thousands of sockets would only delay the first of them.
        List<Socket> targets = !matches ? List.of() : staggered ? sockets.oldestFirst() : sockets.all();
        int reached = 0;
        long lastReport = System.nanoTime();
        // All at once, the first report waits half a second like every other one: a database round trip
        // here would come before the first socket is reached.
        if (staggered || targets.isEmpty()) {
            report(request, 0, targets.size(), targets.isEmpty());
        }
        // The loop that reaches every socket is plain on purpose: the first force-reload of a node's life
        // runs it cold, and each lambda or per-socket timer in it costs time before the last socket.
        for (Socket socket : targets) {
            if (staggered && reached > 0) {
                sleep(request.intervalMillis());
            }
            if (!reload) {
                socket.drop();
            } else if (staggered) {
                socket.reload();
            } else {
                socket.tellToReload();
            }
            reached++;
            if (System.nanoTime() - lastReport > 500_000_000L) {
                report(request, reached, targets.size(), false);
                lastReport = System.nanoTime();
            }
        }
        if (reload && !staggered && !targets.isEmpty()) {
            // All were told within moments: one task closes them once the last has had its grace.
            reporter.schedule(() -> control.execute(() -> targets.forEach(Socket::drop)),
                    Socket.RELOAD_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
        if (!targets.isEmpty()) {
            report(request, reached, targets.size(), true);
        }
        LOG.info("connections: {} reached {} of this node's sockets (request {})", request.action(), reached,
                request.request());
    }

    private void report(ControlRequest request, int reached, int total, boolean done) {
        quietly("report control progress", c -> repository.report(c, request.request(), identity.id(),
                identity.label(), reached, total, done));
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void quietly(String what, Work work) {
        try (Connection c = database.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            LOG.warn("could not {}: {}", what, e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
