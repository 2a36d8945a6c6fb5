package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern TOKEN_URL = Pattern.compile("https://[a-z0-9.:-]+/#token=([A-Za-z0-9._-]+)");

    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresServer.start(ExternalPostgres.fresh("cluster-pg"));
        database.createDatabaseIfMissing("stoa_cluster");
        Map<String, String> shared = new HashMap<>(ExternalPostgres.environment(database, "stoa_cluster"));
        shared.put("STOA_SPOKE_ENABLED", "false");
        shared.put("STOA_ENVIRONMENT", "cluster");
        first = StoaInstance.unpack("cluster1", 1500, shared);
        second = StoaInstance.unpack("cluster2", 1600, shared);
        for (StoaInstance node : new StoaInstance[] {first, second}) {
            node.set("etc/org.stoa.connections.cfg", "reportSeconds", "2");
            node.set("etc/org.stoa.connections.cfg", "staleAfterSeconds", "20");
        }
        first.start();
        first.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        second.start();
        second.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
        first.stoa("world:create", "--id", "shared", "--title", "Shared", "--domain", "shared.example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (StoaInstance node : new StoaInstance[] {second, first}) {
                if (node != null) {
                    node.close();
                }
            }
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    @Test
    void countsAddUpADropReachesBothNodesAndPushesCrossNodes() throws Exception {
        String token = token();
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
        String token = token();
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
    void aKilledNodeStopsCountingWithinAMinute() throws Exception {
        StoaInstance victim = StoaInstance.unpack("cluster3", 1700, Map.of());
        // The third node joins the same database, then dies without a word.
        Map<String, String> shared = new HashMap<>(ExternalPostgres.environment(database, "stoa_cluster"));
        shared.put("STOA_SPOKE_ENABLED", "false");
        shared.put("STOA_HUB_ENABLED", "false");
        shared.put("STOA_ENVIRONMENT", "doomed");
        victim = victim.withEnvironment(shared);
        victim.set("etc/org.stoa.connections.cfg", "reportSeconds", "2");
        victim.set("etc/org.stoa.connections.cfg", "staleAfterSeconds", "20");
        try {
            victim.start();
            victim.awaitStoa(BOOT, r -> r.output().startsWith("ID"), "world:list");
            WsClient doomed = WsClient.open(victim.http(), "shared");
            doomed.authenticate(token());
            first.awaitStoa(SOON, r -> r.output().contains(".doomed") && WebSocketTest.countIn(r.output(),
                    labelWith(r.output(), ".doomed")) == 1, "connections:list");
            victim.kill();
            long killed = System.nanoTime();
            first.awaitStoa(Duration.ofSeconds(60), r -> !r.output().contains(".doomed"), "connections:list");
            assertTrue(System.nanoTime() - killed < Duration.ofSeconds(60).toNanos());
            doomed.abort();
        } finally {
            victim.close();
        }
    }

    private static String labelWith(String listing, String suffix) {
        return listing.lines().map(l -> l.split("\\s+")[0]).filter(l -> l.endsWith(suffix)).findFirst().orElse("?");
    }

    private static String token() throws Exception {
        StoaInstance.Result generated = first.stoa("token:generate", "shared", "--trait", "attendee", "--raw");
        Matcher m = TOKEN_URL.matcher(generated.output());
        assertTrue(m.find(), generated.output());
        return m.group(1);
    }
}
