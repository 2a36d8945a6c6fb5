package org.stoa.connections.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.Jdbc;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;

/** The connection-control tables on the real PostgreSQL, with the bundle's own migrations. */
class ClusterRepositoryDatabaseTest {

    private static final int STALE = 30;

    private final ClusterRepository repository = new ClusterRepository();
    private Connection c;

    @BeforeEach
    void migrate() throws Exception {
        c = TestPostgres.connect(TestMigrations.newDatabaseWith("stoa-connections", "db"));
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void countsSumEachLabelOverTheLiveNodesOnly() throws SQLException {
        repository.reportCount(c, "a-1", "411b261.production", 10);
        repository.reportCount(c, "b-2", "411b261.production", 5);
        repository.reportCount(c, "b-2", "9f0e1d2.production", 3);
        repository.reportCount(c, "dead-3", "411b261.production", 100);
        age(c, "dead-3", 31);

        assertEquals(Map.of("411b261.production", 15L, "9f0e1d2.production", 3L), repository.counts(c, STALE));
        assertEquals(Set.of("a-1", "b-2"), repository.liveNodes(c, STALE));
    }

    @Test
    void aNewReportReplacesTheNodesCountForItsLabel() throws SQLException {
        repository.reportCount(c, "a-1", "x.y", 10);
        repository.reportCount(c, "a-1", "x.y", 4);
        assertEquals(Map.of("x.y", 4L), repository.counts(c, STALE));
    }

    @Test
    void forgetNodeRemovesItsCountsAndItsLimitedSockets() throws SQLException {
        repository.reportCount(c, "a-1", "x.y", 1);
        repository.reportCount(c, "b-2", "x.y", 2);
        repository.openLimited(c, "s1", "a-1", "world", "user", 5, STALE);
        repository.forgetNode(c, "a-1");
        assertEquals(Map.of("x.y", 2L), repository.counts(c, STALE));
        assertEquals(0L, count(c, "user_sockets"));
    }

    @Test
    void theSweepDropsWhatDeadNodesAndOldRequestsLeft() throws SQLException {
        repository.reportCount(c, "live-1", "x.y", 1);
        repository.reportCount(c, "dead-2", "x.y", 1);
        repository.reportCount(c, "long-dead-3", "x.y", 1);
        repository.openLimited(c, "on-live", "live-1", "w", "u1", 5, STALE);
        repository.openLimited(c, "on-dead", "dead-2", "w", "u2", 5, STALE);
        age(c, "dead-2", 60);
        age(c, "long-dead-3", 2 * 86_400);
        repository.storeMessage(c, "{\"old\":true}", null);
        long fresh = repository.storeMessage(c, "{\"fresh\":true}", null);
        Jdbc.update(c, "UPDATE cluster_messages SET created = now() - interval '11 minutes' WHERE id <> ?", fresh);
        UUID old = UUID.randomUUID();
        repository.report(c, old, "live-1", "x.y", 1, 1, true);
        Jdbc.update(c, "UPDATE connection_control_reports SET updated = now() - interval '2 days'");

        repository.sweep(c, STALE);

        assertEquals(List.of("on-live"), Jdbc.list(c, "SELECT socket_id FROM user_sockets", r -> r.getString(1)));
        // A node dead less than a day keeps its (no longer counted) rows, so an operator can still see them.
        assertEquals(List.of("dead-2", "live-1"),
                Jdbc.list(c, "SELECT node FROM connection_counts ORDER BY node", r -> r.getString(1)));
        assertEquals(Optional.of("{\"fresh\":true}"), repository.message(c, fresh));
        assertEquals(1L, count(c, "cluster_messages"));
        assertTrue(repository.reports(c, old).isEmpty());
    }

    @Test
    void aStoredMessageIsReadBackByItsId() throws SQLException {
        String payload = "{\"long\":\"" + "x".repeat(10_000) + "\"}";
        long id = repository.storeMessage(c, payload, null);
        assertEquals(Optional.of(payload), repository.message(c, id));
        assertEquals(Optional.empty(), repository.message(c, id + 1));
    }

    @Test
    void openLimitedReturnsTheUsersOldestSocketsBeyondTheLimitOnLiveNodesAndForgetsThem() throws SQLException {
        repository.reportCount(c, "a-1", "x.y", 3);
        repository.reportCount(c, "b-2", "x.y", 1);
        assertEquals(List.of(), repository.openLimited(c, "first", "a-1", "w", "u", 2, STALE));
        assertEquals(List.of(), repository.openLimited(c, "second", "b-2", "w", "u", 2, STALE));
        repository.openLimited(c, "other-user", "a-1", "w", "v", 2, STALE);
        repository.openLimited(c, "other-world", "a-1", "w2", "u", 2, STALE);

        assertEquals(List.of("first"), repository.openLimited(c, "third", "a-1", "w", "u", 2, STALE));
        assertEquals(List.of("third", "second"), Jdbc.list(c,
                "SELECT socket_id FROM user_sockets WHERE world_id = 'w' AND user_id = 'u' ORDER BY opened DESC",
                r -> r.getString(1)));

        repository.closeLimited(c, "third");
        assertEquals(List.of(), repository.openLimited(c, "fourth", "a-1", "w", "u", 2, STALE));
    }

    @Test
    void socketsOnADeadNodeDoNotCountAgainstTheLimit() throws SQLException {
        repository.reportCount(c, "dead-1", "x.y", 1);
        repository.reportCount(c, "a-2", "x.y", 1);
        repository.openLimited(c, "on-dead", "dead-1", "w", "u", 1, STALE);
        age(c, "dead-1", 60);
        assertEquals(List.of(), repository.openLimited(c, "new", "a-2", "w", "u", 1, STALE));
    }

    @Test
    void aNodesLatestReportPerRequestIsWhatTheCommandReads() throws SQLException {
        UUID request = UUID.randomUUID();
        repository.report(c, request, "b-2", "x.y", 0, 10, false);
        repository.report(c, request, "a-1", "x.y", 0, 0, true);
        repository.report(c, request, "b-2", "x.y", 10, 10, true);
        repository.report(c, UUID.randomUUID(), "a-1", "x.y", 5, 5, true);

        assertEquals(List.of(new NodeReport("a-1", "x.y", 0, 0, true), new NodeReport("b-2", "x.y", 10, 10, true)),
                repository.reports(c, request));
    }

    private static void age(Connection c, String node, int seconds) throws SQLException {
        Jdbc.update(c, "UPDATE connection_counts SET updated = now() - make_interval(secs => ?) WHERE node = ?",
                seconds, node);
    }

    private static long count(Connection c, String table) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM " + table, r -> r.getLong(1)).orElseThrow();
    }
}
