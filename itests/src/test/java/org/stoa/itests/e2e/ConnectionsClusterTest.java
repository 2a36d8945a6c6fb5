package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.db.embedded.PostgresServer;

/**
 * Two Stoa nodes on one PostgreSQL and nothing else between them: counts are summed across
 * nodes, a drop on one closes sockets on both, pushes reach both, a killed node stops counting.
 */
class ConnectionsClusterTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration SOON = Duration.ofSeconds(15);
    /** What every node here is configured with: a report every 2 s, a node silent for 20 s counted out. */
    private static final Duration REPORT_EVERY = Duration.ofSeconds(2);
    private static final Duration STALE_AFTER = Duration.ofSeconds(20);
    /** One look at connections:list: the poll's pause of a second and a bin/stoa round trip. */
    private static final Duration ONE_LOOK = Duration.ofSeconds(5);

    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresServer.start(ExternalPostgres.fresh("cluster-pg"));
        database.createDatabaseIfMissing("stoa_cluster");
        first = node("cluster1", 1500, nodeEnvironment("cluster"));
        second = node("cluster2", 1600, nodeEnvironment("cluster"));
        first.start();
        first.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        second.start();
        second.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        first.stoa("world:create", "--id", "shared", "--title", "Shared", "--domain", "shared.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(second, first, database);
    }

    @Test
    void countsAddUpADropReachesBothNodesAndPushesCrossNodes() throws Exception {
        String token = first.rawToken("shared", "attendee");
        try (WsClient a1 = WsClient.open(first.http(), "shared"); WsClient a2 = WsClient.open(first.http(), "shared");
                WsClient b1 = WsClient.open(second.http(), "shared")) {
            a1.authenticate(token);
            a2.authenticate(token);
            b1.authenticate(token);
            String label = WebSocketTest.labelOf(first);
            // Each node reports every 2 s; either node's list sums both.
            first.awaitStoa(SOON, r -> WebSocketTest.countIn(r.output(), label) == 3, "connections:list");
            second.awaitStoa(SOON, r -> WebSocketTest.countIn(r.output(), label) == 3, "connections:list");

            // A change made through one node reaches the sockets of the other.
            second.stoa("db:sql", "-c", "UPDATE worlds SET title = 'Shared, renamed' WHERE id = 'shared'");
            JsonNode updated = a1.await(f -> f.get(0).asText().equals("world.updated"), SOON);
            assertEquals("Shared, renamed", updated.at("/1/world/title").asText());

            StoaInstance.Result dropped = first.stoa("connections:drop", "--interval", "100", "*.cluster");
            assertEquals(0, dropped.exit(), dropped.output());
            assertTrue(dropped.output().contains("Dropped 3 connections on 2 nodes"), dropped.output());
            assertEquals(1000, a1.closeCode(SOON));
            assertEquals(1000, a2.closeCode(SOON));
            assertEquals(1000, b1.closeCode(SOON), "the socket on the other node closed too");
        }
    }

    @Test
    void theConnectionLimitHoldsAcrossNodes() throws Exception {
        first.stoa("db:sql", "-c", "UPDATE worlds SET config = config || '{\"connection_limit\": 1}' WHERE id = 'shared'");
        String token = first.rawToken("shared", "attendee");
        try (WsClient onFirst = WsClient.open(first.http(), "shared"); WsClient onSecond = WsClient.open(second.http(), "shared")) {
            onFirst.authenticate(token);
            Thread.sleep(500);
            onSecond.authenticate(token);
            JsonNode replaced = onFirst.await(f -> f.get(0).asText().equals("error"), SOON);
            assertEquals("connection.replaced", replaced.at("/1/code").asText());
            assertEquals(1000, onFirst.closeCode(SOON));
        } finally {
            first.stoa("db:sql", "-c", "UPDATE worlds SET config = config - 'connection_limit' WHERE id = 'shared'");
        }
    }

    @Test
    void aKilledNodeStopsCountingOnceItsReportIsStale() throws Exception {
        // The third node joins the same database, then dies without a word.
        Map<String, String> doomedNode = nodeEnvironment("doomed");
        doomedNode.put("STOA_HUB_ENABLED", "false");
        StoaInstance victim = node("cluster3", 1700, doomedNode);
        try {
            victim.start();
            victim.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
            WsClient doomed = WsClient.open(victim.http(), "shared");
            doomed.authenticate(first.rawToken("shared", "attendee"));
            first.awaitStoa(SOON, r -> r.output().contains(".doomed") && WebSocketTest.countIn(r.output(),
                    labelWith(r.output(), ".doomed")) == 1, "connections:list");
            victim.kill();
            long killed = System.nanoTime();
            // Its last report is at most one interval old at the kill, and counts for STALE_AFTER.
            Duration bound = STALE_AFTER.plus(REPORT_EVERY).plus(ONE_LOOK);
            first.awaitStoa(bound, r -> !r.output().contains(".doomed"), "connections:list");
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            assertTrue(took.compareTo(bound) < 0, "counted out after " + took + ", configured " + STALE_AFTER);
            doomed.abort();
        } finally {
            victim.close();
        }
    }

    /** A copy of the distribution that reports every 2 s and counts a silent node out after 20 s. */
    private static StoaInstance node(String name, int portOffset, Map<String, String> environment) throws Exception {
        StoaInstance node = StoaInstance.unpack(name, portOffset, environment);
        node.set("etc/org.stoa.connections.cfg", "reportSeconds", Long.toString(REPORT_EVERY.toSeconds()));
        node.set("etc/org.stoa.connections.cfg", "staleAfterSeconds", Long.toString(STALE_AFTER.toSeconds()));
        return node;
    }

    /** A node on the shared database, labelled {@code <commit>.<environment>}; no VM spoke. */
    private static Map<String, String> nodeEnvironment(String environment) {
        Map<String, String> node = new HashMap<>(ExternalPostgres.environment(database, "stoa_cluster"));
        node.put("STOA_SPOKE_ENABLED", "false");
        node.put("STOA_ENVIRONMENT", environment);
        return node;
    }

    private static String labelWith(String listing, String suffix) {
        return listing.lines().map(l -> l.split("\\s+")[0]).filter(l -> l.endsWith(suffix)).findFirst().orElse("?");
    }
}
