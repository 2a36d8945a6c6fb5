package org.stoa.connections.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.connections.WorldEvent;
import org.stoa.connections.cluster.ClusterReceiver;
import org.stoa.connections.cluster.Topic;
import org.stoa.connections.internal.ConnectionMessage.ControlRequest;
import org.stoa.connections.internal.ConnectionMessage.ReplaceSockets;
import org.stoa.db.Jdbc;
import org.stoa.db.ModuleSchema;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;

/** Two nodes' transports on one real PostgreSQL, as two Stoa processes share it. */
class ClusterTransportDatabaseTest {

    record Said(String who, String text) {
    }

    private static final Topic<Said> SAID = new Topic<>("stoa_test_said", Said.class);

    private DataSource database;
    private String url;
    private ClusterTransport nodeA;
    private ClusterTransport nodeB;

    /** A receiver that keeps what it got. */
    private static final class Inbox<T> implements ClusterReceiver<T> {
        final BlockingQueue<T> got = new LinkedBlockingQueue<>();
        final AtomicInteger resynchronized = new AtomicInteger();
        final Topic<T> topic;

        Inbox(Topic<T> topic) {
            this.topic = topic;
        }

        @Override
        public Topic<T> topic() {
            return topic;
        }

        @Override
        public void receive(T message) {
            got.add(message);
        }

        @Override
        public void resynchronize() {
            resynchronized.incrementAndGet();
        }

        /** How often it was told to resynchronize, once the listener has had a moment to tell it. */
        int resynchronizations() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 5000;
            while (resynchronized.get() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            return resynchronized.get();
        }

        T next() throws InterruptedException {
            return got.poll(5, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void start() throws Exception {
        url = TestMigrations.newDatabaseWith("stoa-connections", "db");
        database = TestPostgres.dataSource(url);
        nodeA = new ClusterTransport(schema(database));
        nodeB = new ClusterTransport(schema(database));
    }

    private static ModuleSchema schema(DataSource database) {
        return new ModuleSchema() {
            @Override
            public String module() {
                return "stoa-connections";
            }

            @Override
            public String version() {
                return "01";
            }

            @Override
            public DataSource dataSource() {
                return database;
            }
        };
    }

    @AfterEach
    void stop() {
        nodeA.stop();
        nodeB.stop();
    }

    private <T> Inbox<T> listen(ClusterTransport node, Topic<T> topic) throws InterruptedException {
        Inbox<T> inbox = new Inbox<>(topic);
        node.addReceiver(inbox);
        long deadline = System.currentTimeMillis() + 5000;
        while (!node.channels().contains(topic.channel()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(node.channels().contains(topic.channel()), "listening on " + topic.channel());
        return inbox;
    }

    @Test
    void aMessageReachesEveryNodeThePublisherIncludedAsItsRecord() throws Exception {
        Inbox<Said> onA = listen(nodeA, SAID);
        Inbox<Said> onB = listen(nodeB, SAID);
        nodeA.publish(SAID, new Said("ada", "hello"));
        assertEquals(new Said("ada", "hello"), onA.next());
        assertEquals(new Said("ada", "hello"), onB.next());
    }

    @Test
    void aMessageTooLongForANotifyTravelsThroughTheTable() throws Exception {
        Inbox<Said> onB = listen(nodeB, SAID);
        String longText = "ü".repeat(ClusterTransport.NOTIFY_LIMIT);
        nodeA.publish(SAID, new Said("ada", longText));
        assertEquals(new Said("ada", longText), onB.next());
        try (Connection c = database.getConnection()) {
            assertEquals(1L, Jdbc.one(c, "SELECT count(*) FROM cluster_messages", r -> r.getLong(1)).orElseThrow());
        }
    }

    @Test
    void aMessagePublishedInATransactionArrivesOnlyWhenItCommits() throws Exception {
        Inbox<Said> onB = listen(nodeB, SAID);
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            nodeA.publish(c, SAID, new Said("ada", "rolled back"));
            c.rollback();
            nodeA.publish(c, SAID, new Said("ada", "committed"));
            Thread.sleep(700);
            assertTrue(onB.got.isEmpty(), "nothing before the commit");
            c.commit();
        }
        assertEquals(new Said("ada", "committed"), onB.next());
        assertEquals(null, onB.got.poll(700, TimeUnit.MILLISECONDS));
    }

    @Test
    void anUnreadableMessageOrAFailingReceiverIsSkippedAndTheNextStillArrives() throws Exception {
        Inbox<Said> onB = listen(nodeB, SAID);
        nodeB.addReceiver(failing(new IllegalStateException("a receiver with a bug")));
        try (Connection c = database.getConnection()) {
            Jdbc.one(c, "SELECT pg_notify('stoa_test_said', 'not json')", r -> true);
            Jdbc.one(c, "SELECT pg_notify('stoa_test_said', '{\"stored\": 424242}')", r -> true);
        }
        nodeA.publish(SAID, new Said("ada", "still here"));
        assertEquals(new Said("ada", "still here"), onB.next());
    }

    @Test
    void aNodeStopsListeningWhenItsLastReceiverOfTheChannelGoes() throws Exception {
        Inbox<Said> onB = listen(nodeB, SAID);
        nodeB.removeReceiver(onB);
        long deadline = System.currentTimeMillis() + 5000;
        while (nodeB.channels().contains(SAID.channel()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), List.copyOf(nodeB.channels()));
    }

    @Test
    void worldEventsAreReadAsTheTriggersOfOtherBundlesWriteThem() throws Exception {
        Inbox<WorldEvent> onB = listen(nodeB, WorldEventDelivery.TOPIC);
        try (Connection c = database.getConnection()) {
            Jdbc.one(c, "SELECT pg_notify('stoa_world_events', ?)", r -> true,
                    "{\"world\": \"sample\", \"type\": \"world.updated\", \"data\": {\"a\": 1}, \"new\": \"ignored\"}");
        }
        WorldEvent event = onB.next();
        assertEquals("sample", event.world());
        assertEquals("world.updated", event.type());
        assertEquals(1, event.data().path("a").asInt());
    }

    @Test
    void connectionMessagesKeepTheWireFormatOfEarlierReleases() throws Exception {
        ObjectMapper json = new ObjectMapper();
        UUID id = UUID.fromString("6f1c1f4e-1111-4222-8333-944445555666");
        assertEquals(json.readTree("""
                {"kind": "control", "request": "6f1c1f4e-1111-4222-8333-944445555666", "action": "reload",
                 "filters": ["411b261.*"], "interval": 50}"""),
                json.readTree(json.writeValueAsString(new ControlRequest(id, "reload", List.of("411b261.*"), 50))));

        Inbox<ConnectionMessage> onB = listen(nodeB, ConnectionMessage.TOPIC);
        try (Connection c = database.getConnection()) {
            Jdbc.one(c, "SELECT pg_notify('stoa_connections', ?)", r -> true,
                    "{\"kind\": \"replace\", \"sockets\": [\"s1\", \"s2\"]}");
        }
        assertEquals(new ReplaceSockets(List.of("s1", "s2")), onB.next());
        nodeA.publish(ConnectionMessage.TOPIC, new ControlRequest(id, "drop", List.of("*"), 0));
        assertEquals(new ControlRequest(id, "drop", List.of("*"), 0), onB.next());
    }

    @Test
    void aReceiverFailingWithAnErrorOrADeeplyNestedMessageDoesNotStopTheListener() throws Exception {
        Inbox<Said> onB = listen(nodeB, SAID);
        // what a receiver of a plugin that was uninstalled meanwhile throws
        nodeB.addReceiver(failing(new NoClassDefFoundError("org/example/plugin/Gone")));
        try (Connection c = database.getConnection()) {
            Jdbc.one(c, "SELECT pg_notify('stoa_test_said', repeat('[', 7000))", r -> true);
        }
        nodeA.publish(SAID, new Said("ada", "first"));
        assertEquals(new Said("ada", "first"), onB.next());
        nodeA.publish(SAID, new Said("ada", "second"));
        assertEquals(new Said("ada", "second"), onB.next());
    }

    @Test
    void aKeptMessageSentWhileTheListenersSessionWasKilledArrivesOnceItListensAgain() throws Exception {
        Inbox<Said> onB = listen(nodeB, SAID);
        try (Connection c = database.getConnection()) {
            Jdbc.list(c, "SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE application_name = ?",
                    r -> r.getBoolean(1), ClusterTransport.LISTENER_NAME);
        }
        awaitCutOff(nodeB);
        try (Connection c = database.getConnection()) {
            nodeA.publishReplayed(c, SAID, new Said("ada", "drop everything"));
            nodeA.publish(c, SAID, new Said("ada", "not kept"));
        }
        assertEquals(new Said("ada", "drop everything"), onB.got.poll(15, TimeUnit.SECONDS));
        assertEquals(null, onB.got.poll(700, TimeUnit.MILLISECONDS), "received once, and the plain one is lost");
        assertEquals(1, onB.resynchronizations(), "receivers are told to resynchronize");
        try (Connection c = database.getConnection()) {
            nodeA.publishReplayed(c, SAID, new Said("ada", "after"));
        }
        assertEquals(new Said("ada", "after"), onB.next());
        assertEquals(null, onB.got.poll(700, TimeUnit.MILLISECONDS));
    }

    @Test
    void aHalfOpenListeningConnectionIsNoticedAndTheKeptMessagesSentMeanwhileArrive() throws Exception {
        int port = Integer.parseInt(url.replaceAll("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1"));
        try (FreezingProxy proxy = new FreezingProxy(port)) {
            DataSource throughProxy = TestPostgres.dataSource(url.replace(":" + port + "/", ":" + proxy.port() + "/"));
            ClusterTransport nodeC = new ClusterTransport(schema(throughProxy), 500, 2000);
            try {
                Inbox<Said> onC = listen(nodeC, SAID);
                nodeA.publish(SAID, new Said("ada", "before"));
                assertEquals(new Said("ada", "before"), onC.next());

                proxy.freezeOpenConnections();
                nodeA.publish(SAID, new Said("ada", "sent into the void"));
                try (Connection c = database.getConnection()) {
                    nodeA.publishReplayed(c, SAID, new Said("ada", "drop everything"));
                }

                assertEquals(new Said("ada", "drop everything"), onC.got.poll(30, TimeUnit.SECONDS));
                assertEquals(1, onC.resynchronizations());
            } finally {
                nodeC.stop();
            }
        }
    }

    /** A receiver of {@link #SAID} that throws on every message. */
    private static ClusterReceiver<Said> failing(Throwable failure) {
        return new ClusterReceiver<Said>() {
            @Override
            public Topic<Said> topic() {
                return SAID;
            }

            @Override
            public void receive(Said message) {
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }
        };
    }

    /** Waits until the node noticed that its listening session is gone. */
    private static void awaitCutOff(ClusterTransport node) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!node.channels().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(List.of(), List.copyOf(node.channels()), "the node noticed its session ended");
    }
}
