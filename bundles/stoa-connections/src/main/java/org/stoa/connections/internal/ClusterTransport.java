package org.stoa.connections.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.connections.cluster.ClusterBus;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;

/**
 * The cluster's messages over PostgreSQL LISTEN/NOTIFY: publishes for any bundle, and listens on
 * one connection to the channels of the {@link ClusterReceiver}s registered now, handing each
 * message, read as its topic's type, to them.
 */
@Component(service = {ClusterBus.class, MultiCollector.class})
public class ClusterTransport implements ClusterBus, MultiCollector {

    /** NOTIFY refuses payloads of 8000 bytes or more; longer messages go through a table. */
    static final int NOTIFY_LIMIT = 7900;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterTransport.class);
    /** How long a new receiver's registration waits for the LISTEN on its channel. */
    private static final long LISTEN_WAIT_MILLIS = 3000;
    /** How long one wait for notifications lasts: the longest a new channel waits for its LISTEN. */
    private static final int POLL_MILLIS = 100;
    /** The listening session's name in pg_stat_activity. */
    static final String LISTENER_NAME = "stoa-cluster-listen";

    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ClusterRepository repository = new ClusterRepository();
    private final ClusterTraffic traffic = new ClusterTraffic();
    private final Map<String, List<ClusterReceiver<?>>> receivers = new ConcurrentHashMap<>();
    private final DataSource database;
    private final Thread listener;
    private volatile boolean running = true;
    /** The channels the listening connection has LISTENed to, as of its last look. */
    private volatile Set<String> listeningNow = Set.of();
    private final long probeIntervalMillis;
    private final int probeTimeoutMillis;
    /** The newest kept message this node has accounted for; -1 before its first connection (listener thread only). */
    private long seen = -1;
    /** The kept messages the last catch-up delivered, whose notifications may still arrive (listener thread only). */
    private final Set<Long> replayed = new HashSet<>();

    /** A quiet connection is probed every 5 seconds; one that does not answer within 10 is given up. */
    @Activate
    public ClusterTransport(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-connections)") ModuleSchema schema) {
        this(schema, 5000, 10_000);
    }

    ClusterTransport(ModuleSchema schema, long probeIntervalMillis, int probeTimeoutMillis) {
        this.database = schema.dataSource();
        this.probeIntervalMillis = probeIntervalMillis;
        this.probeTimeoutMillis = probeTimeoutMillis;
        listener = new Thread(this::listen, "stoa-cluster-listen");
        listener.setDaemon(true);
        listener.start();
    }

    @Deactivate
    void stop() {
        running = false;
        listener.interrupt();
        try {
            listener.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the whiteboard

    /**
     * Returns once this node listens on the receiver's channel (or after {@link #LISTEN_WAIT_MILLIS}
     * when the database cannot be reached): a plugin that starts and at once takes requests whose
     * answers come back over its channel must not miss the first ones.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReceiver(ClusterReceiver<?> receiver) {
        String channel = receiver.topic().channel();
        receivers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(receiver);
        long deadline = System.nanoTime() + LISTEN_WAIT_MILLIS * 1_000_000L;
        while (running && !listeningNow.contains(channel) && System.nanoTime() < deadline
                && Thread.currentThread() != listener) {
            Threads.sleep(10);
        }
    }

    void removeReceiver(ClusterReceiver<?> receiver) {
        receivers.computeIfPresent(receiver.topic().channel(), (channel, list) -> {
            list.remove(receiver);
            return list.isEmpty() ? null : list;
        });
    }

    // --- ClusterBus

    @Override
    public <T> void publish(Topic<T> topic, T message) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(true);
            publish(c, topic, message);
        } catch (SQLException e) {
            throw new IllegalStateException(Transactions.message(e), e);
        }
    }

    @Override
    public <T> void publish(Connection c, Topic<T> topic, T message) throws SQLException {
        String payload = write(message);
        if (payload.getBytes(StandardCharsets.UTF_8).length > NOTIFY_LIMIT) {
            payload = stored(repository.storeMessage(c, payload, null));
        }
        repository.notify(c, topic.channel(), payload);
        traffic.published(topic.channel());
    }

    @Override
    public <T> void publishReplayed(Connection c, Topic<T> topic, T message) throws SQLException {
        repository.notify(c, topic.channel(), stored(repository.storeMessage(c, write(message), topic.channel())));
        traffic.published(topic.channel());
    }

    /** This node's NOTIFY traffic since it started, for /metrics (stoa-metrics collects every MultiCollector). */
    @Override
    public MetricSnapshots collect() {
        return traffic.snapshots();
    }

    private String stored(long id) {
        return json.createObjectNode().put("stored", id).toString();
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("a cluster message must map to JSON: " + e.getMessage(), e);
        }
    }

    // --- listening

    private void listen() {
        boolean failing = false;
        while (running) {
            try (Connection c = database.getConnection()) {
                c.setAutoCommit(true);
                // A half-open connection answers nothing: the probe's wait for an answer ends it.
                c.setNetworkTimeout(Runnable::run, probeTimeoutMillis);
                c.setClientInfo("ApplicationName", LISTENER_NAME);
                Set<String> listening = new HashSet<>();
                listeningNow = Set.of();
                follow(c, listening);
                int replayed = catchUp(c, listening);
                if (failing) {
                    LOG.info("listening to the cluster again; {} kept messages replayed, resynchronizing", replayed);
                    failing = false;
                    resynchronize();
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                long lastHeard = System.nanoTime();
                while (running) {
                    follow(c, listening);
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        lastHeard = System.nanoTime();
                        for (PGNotification n : notifications) {
                            receivedSafely(c, n.getName(), n.getParameter());
                        }
                    } else if (System.nanoTime() - lastHeard > probeIntervalMillis * 1_000_000L) {
                        probe(c);
                        lastHeard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listeningNow = Set.of();
                if (running && !failing) {
                    LOG.warn("lost the cluster's notifications ({}); retrying every second", e.getMessage());
                    failing = true;
                }
                Threads.sleep(1000);
            }
        }
    }

    /** A round trip on the listening connection: fails (after the network timeout) when the connection is dead. */
    private static void probe(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    /**
     * Once listening again: receives the kept messages published since the last one seen (those
     * sent while this node was cut off), and remembers the newest so the next outage starts there.
     * On the first connection there is nothing to catch up on.
     */
    private int catchUp(Connection c, Set<String> listening) throws SQLException {
        long newest = repository.newestMessage(c);
        replayed.clear();
        if (seen >= 0 && !listening.isEmpty()) {
            for (ClusterRepository.StoredMessage m : repository.replayedAfter(c, seen, listening)) {
                replayed.add(m.id());
                newest = Math.max(newest, m.id());
                deliverSafely(m.channel(), m.payload());
            }
        }
        seen = Math.max(seen, newest);
        return replayed.size();
    }

    private void resynchronize() {
        for (List<ClusterReceiver<?>> list : receivers.values()) {
            for (ClusterReceiver<?> receiver : list) {
                try {
                    receiver.resynchronize();
                } catch (RuntimeException | LinkageError e) {
                    LOG.error("cluster receiver {} failed to resynchronize", receiver.getClass().getName(), e);
                }
            }
        }
    }

    /**
     * One notification, whatever it holds: a message that breaks the code reading it (even with an
     * error such as a receiver whose bundle is gone) is logged and the next one still arrives.
     */
    private void receivedSafely(Connection c, String channel, String payload) {
        try {
            received(c, channel, payload);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.error("skipping a cluster message on {} that could not be handled", channel, e);
        }
    }

    private void deliverSafely(String channel, String payload) {
        try {
            handOut(channel, parse(channel, payload));
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.error("skipping a replayed cluster message on {} that could not be handled", channel, e);
        }
    }

    /** LISTENs to the channels receivers joined since the last look, UNLISTENs those they all left. */
    private void follow(Connection c, Set<String> listening) throws SQLException {
        Set<String> wanted = receivers.keySet();
        if (listening.equals(wanted)) {
            return;
        }
        listeningNow = Set.of();
        try (Statement s = c.createStatement()) {
            for (String channel : Set.copyOf(wanted)) {
                if (listening.add(channel)) {
                    // Channels are checked by Topic ([a-z][a-z0-9_]*): nothing here can be quoted wrong.
                    s.execute("LISTEN " + channel);
                }
            }
            for (String channel : Set.copyOf(listening)) {
                if (!wanted.contains(channel)) {
                    s.execute("UNLISTEN " + channel);
                    listening.remove(channel);
                }
            }
        }
        listeningNow = Set.copyOf(listening);
    }

    /** The channels this node receives now: a message published on one of them from now on reaches it. */
    Set<String> channels() {
        return listeningNow;
    }

    /** One notification: read (from the table when it was too long), then handed to each receiver. */
    void received(Connection c, String channel, String payload) {
        if (!receivers.containsKey(channel)) {
            return;
        }
        traffic.received(channel);
        JsonNode message;
        try {
            message = parse(channel, payload);
            if (message == null) {
                return;
            }
            if (message.size() == 1 && message.path("stored").canConvertToLong()) {
                long id = message.get("stored").asLong();
                seen = Math.max(seen, id);
                if (replayed.contains(id)) {
                    return;
                }
                Optional<String> stored = repository.message(c, id);
                if (stored.isEmpty()) {
                    LOG.warn("cluster message {} on {} is gone before it was read", id, channel);
                    return;
                }
                message = parse(channel, stored.get());
            }
        } catch (SQLException e) {
            LOG.warn("could not read a stored cluster message on {}: {}", channel, Transactions.message(e));
            return;
        }
        handOut(channel, message);
    }

    /** The message as JSON, or null (logged) when it is none. */
    private JsonNode parse(String channel, String payload) {
        try {
            return json.readTree(payload);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("ignoring an unreadable cluster message on {}: {}", channel, e.getMessage());
            return null;
        }
    }

    private void handOut(String channel, JsonNode message) {
        List<ClusterReceiver<?>> targets = receivers.get(channel);
        if (targets == null || message == null) {
            return;
        }
        for (ClusterReceiver<?> receiver : targets) {
            deliver(receiver, message);
        }
    }

    private <T> void deliver(ClusterReceiver<T> receiver, JsonNode message) {
        T value;
        try {
            value = json.treeToValue(message, receiver.topic().type());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("ignoring a cluster message on {} that is no {}: {}", receiver.topic().channel(),
                    receiver.topic().type().getSimpleName(), e.getMessage());
            return;
        }
        try {
            receiver.receive(value);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            LOG.error("cluster receiver {} failed on a message of {}", receiver.getClass().getName(),
                    receiver.topic().channel(), e);
        }
    }
}
