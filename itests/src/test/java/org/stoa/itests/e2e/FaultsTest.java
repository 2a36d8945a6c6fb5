package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoa.itests.e2e.WsClient.assertSuccess;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/**
 * Faults heal by themselves, on two nodes sharing one PostgreSQL (issue 17's "Faults" suite;
 * {@link KilledMidWayTest} holds its kills during a billing run and a migration):
 * <ul>
 * <li>the database stopped and started again under a thousand open sockets: the nodes reconnect,
 * counts (connections:list on each node) and world state ({@code world.updated} for a change made
 * while they were away) resynchronize, a change and a drop issued right after reach every socket
 * on both nodes, nothing acknowledged is lost, and one node is the VM hub again;</li>
 * <li>the VM hub killed (kill -9) right after it acknowledged a chat message: the other node has
 * the message, and takes over the hub lock within the configured check interval.</li>
 * </ul>
 * The kill comes last. {@code -Dstoa.faults.sockets=N} sets the sockets a node (500).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(30);
    /** 500 a node: the thousand sockets; {@code -Dstoa.faults.sockets=N} for another size. */
    private static final int SOCKETS_PER_NODE = Integer.getInteger("stoa.faults.sockets", 500);
    /** How often a node that is not the hub tries the hub lock (etc/org.stoa.hub.cfg). */
    private static final int LOCK_CHECK_SECONDS = 5;

    private static PostgresSettings databaseSettings;
    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;

    private final List<WsClient> open = new ArrayList<>();
    private String lastUserId;
    private JsonNode lastJoin;

    @BeforeAll
    static void start() throws Exception {
        databaseSettings = ExternalPostgres.fresh("faults-pg");
        database = PostgresServer.start(databaseSettings);
        database.createDatabaseIfMissing("stoa_faults");
        first = node("faults1", 9000);
        second = node("faults2", 9100);
        first.start();
        first.awaitStoa(BOOT, r -> r.output().contains("f1-xs"), "vm:sizes");
        second.start();
        second.awaitAnswer(BOOT, r -> r.output().contains("not the VM hub"), "vm:sizes");
        first.importSampleWorld("faults", "faults.example.org");
    }

    private static StoaInstance node(String name, int portOffset) throws Exception {
        Map<String, String> environment = new HashMap<>(ExternalPostgres.environment(database, "stoa_faults"));
        environment.put("STOA_SPOKE_ENABLED", "false");
        environment.put("STOA_ENVIRONMENT", "faults");
        StoaInstance node = StoaInstance.unpack(name, portOffset, environment);
        node.set("etc/org.stoa.connections.cfg", "reportSeconds", "2");
        node.set("etc/org.stoa.hub.cfg", "lockCheckSeconds", Integer.toString(LOCK_CHECK_SECONDS));
        return node;
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(second, first, database);
    }

    @AfterEach
    void closeSockets() {
        open.forEach(WsClient::close);
    }

    @Test
    @Order(1)
    void aDatabaseRestartUnderAThousandSocketsHealsWithoutAnOperator() throws Exception {
        String token = first.rawToken("faults", "attendee");
        WsClient writer = login(first, token);
        WsClient onSecond = login(second, token);
        for (int i = 1; i < SOCKETS_PER_NODE; i++) {
            login(first, token);
            login(second, token);
        }
        String writerId = lastUserId;
        assertSuccess(writer.call("user.update", Map.of("profile", Map.of("display_name", "Acknowledged"))));
        String label = WebSocketTest.labelOf(first);
        first.awaitStoa(SOON, r -> WebSocketTest.countIn(r.output(), label) == 2 * SOCKETS_PER_NODE,
                "connections:list");

        database.close();
        Thread.sleep(3000);
        database = PostgresServer.start(databaseSettings);
        // Changed the moment the database is back, before the nodes listen again: its notice
        // reaches no one, so only a node that catches up after reconnecting tells its sockets.
        try (Connection c = DriverManager.getConnection(database.jdbcUrl("stoa_faults"), database.user(),
                database.password());
                Statement update = c.createStatement()) {
            update.executeUpdate("UPDATE worlds SET title = 'Faults, changed while away' WHERE id = 'faults'");
        }
        for (WsClient socket : List.of(writer, onSecond)) {
            JsonNode caughtUp = socket.await(f -> f.get(0).asText().equals("world.updated")
                    && f.at("/1/world/title").asText().equals("Faults, changed while away"), Duration.ofMinutes(2));
            assertEquals("Faults, changed while away", caughtUp.at("/1/world/title").asText());
        }

        // The nodes find the database again by themselves: commands answer, counts add up again.
        first.awaitStoa(Duration.ofMinutes(2), r -> WebSocketTest.countIn(r.output(), label) == 2 * SOCKETS_PER_NODE,
                "connections:list");
        second.awaitStoa(Duration.ofMinutes(2), r -> WebSocketTest.countIn(r.output(), label) == 2 * SOCKETS_PER_NODE,
                "connections:list");
        // Each node listens again: a change made through the second reaches the sockets of the first.
        StoaInstance.Result renamed = second.stoa("db:sql", "-c",
                "UPDATE worlds SET title = 'Faults, healed' WHERE id = 'faults'");
        assertEquals(0, renamed.exit(), renamed.output());
        JsonNode updated = writer.await(f -> f.get(0).asText().equals("world.updated")
                && f.at("/1/world/title").asText().equals("Faults, healed"), SOON);
        assertEquals("Faults, healed", updated.at("/1/world/title").asText(), updated.toString());
        // What was acknowledged before the restart is there after it.
        WsClient later = login(second, token);
        JsonNode profile = assertSuccess(later.call("user.fetch", Map.of("id", writerId)));
        assertEquals("Acknowledged", profile.at("/profile/display_name").asText(), profile.toString());
        // A drop issued right after reaches every socket on both nodes.
        StoaInstance.Result dropped = first.stoa("connections:drop", "--interval", "100", "*.faults");
        assertEquals(0, dropped.exit(), dropped.output());
        assertTrue(dropped.output().contains("Dropped " + (2 * SOCKETS_PER_NODE + 1) + " connections on 2 nodes"),
                dropped.output());
        for (WsClient client : open) {
            assertEquals(1000, client.closeCode(SOON));
        }
        // The hub lock's session died with the old server: exactly one node holds it again.
        awaitOneHub();
    }

    @Test
    @Order(2)
    void aKilledNodeLosesNoMessageItAcknowledgedAndItsHubLockPassesToTheOtherNode() throws Exception {
        StoaInstance hub = awaitOneHub();
        StoaInstance other = hub == first ? second : first;
        WsClient sender = login(hub, other.rawToken("faults", "attendee"));
        String channel = chatChannel(lastJoin);
        assertSuccess(sender.call("user.update", Map.of("profile", Map.of("display_name", "Sender"))));
        assertSuccess(sender.call("chat.join", Map.of("channel", channel)));
        WsClient reader = login(other, other.rawToken("faults", "attendee"));

        JsonNode sent = assertSuccess(sender.call("chat.send", Map.of("channel", channel,
                "event_type", "channel.message",
                "content", Map.of("type", "text", "body", "acknowledged, then the node died"))));
        hub.kill();
        // Stored before it was acknowledged: the other node has it, whatever the dead one still meant to do.
        long id = sent.at("/event/event_id").asLong();
        JsonNode page = assertSuccess(reader.call("chat.fetch",
                Map.of("channel", channel, "count", 10, "before_id", id + 1)));
        assertTrue(page.path("results").toString().contains("acknowledged, then the node died"), page.toString());

        // The hub's session dies with the process, and the lock with it: the other node's next check
        // takes it, so it answers as the hub within the configured interval (twice over, for the
        // hub's components to start and a bin/stoa to ask).
        StoaInstance.Result taken = other.awaitStoa(Duration.ofSeconds(2 * LOCK_CHECK_SECONDS + 20),
                r -> r.output().contains("f1-xs"), "vm:sizes");
        assertEquals(0, taken.exit(), taken.output());
        assertTrue(other.log().contains("this process is the VM hub"), "the other node says it took over");
    }

    private static String chatChannel(JsonNode join) {
        for (JsonNode room : join.at("/world.config/rooms")) {
            for (JsonNode module : room.path("modules")) {
                if (module.path("type").asText().equals("chat.native") && module.has("channel_id")) {
                    return module.path("channel_id").asText();
                }
            }
        }
        throw new AssertionError("no chat room in " + join);
    }

    /** Waits until exactly one node answers as the VM hub, and returns it. */
    private static StoaInstance awaitOneHub() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            boolean onFirst = first.stoa("vm:sizes").output().contains("f1-xs");
            boolean onSecond = second.stoa("vm:sizes").output().contains("f1-xs");
            if (onFirst != onSecond) {
                return onFirst ? first : second;
            }
            seen = "first " + onFirst + ", second " + onSecond;
            Thread.sleep(1000);
        }
        throw new AssertionError("not exactly one VM hub: " + seen);
    }

    private WsClient login(StoaInstance node, String token) throws Exception {
        WsClient client = WsClient.open(node.http(), "faults");
        open.add(client);
        lastJoin = client.authenticate(token);
        lastUserId = lastJoin.at("/user.config/id").asText();
        return client;
    }
}
