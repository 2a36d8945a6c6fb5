package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.db.embedded.PostgresServer;

/**
 * bin/stop on a node of an operator's own PostgreSQL: the node withdraws its connection counts
 * before its pool closes, and nothing of Stoa's complains in karaf.log on the way down.
 */
class ShutdownTest {

    private static PostgresServer external;
    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        external = PostgresServer.start(ExternalPostgres.fresh("shutdown-pg"));
        external.createDatabaseIfMissing("stoa_shutdown");
        stoa = StoaInstance.unpack("shutdown", 13500, ExternalPostgres.environment(external, "stoa_shutdown"));
        stoa.start();
        stoa.awaitCoreSchema(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(stoa, external);
    }

    @Test
    void aStoppedNodeLeavesNoCountsAndNoErrorsBehind() throws Exception {
        awaitThisNodesCounts();
        int before = stoa.log().length();

        stoa.stop();

        List<String> complaints = stoa.log().substring(before).lines().filter(ShutdownTest::isComplaint).toList();
        assertEquals(List.of(), complaints, "karaf.log during bin/stop:\n" + stoa.log().substring(before));
        assertEquals(0, count("SELECT count(*) FROM connection_counts"), "this node's counts outlive it");
    }

    /** An error from anyone, or a warning or a stack frame of Stoa's. */
    private static boolean isComplaint(String line) {
        return line.contains("| ERROR") || line.contains("| WARN") && line.contains("stoa")
                || line.strip().startsWith("at org.stoa.") || line.contains("Exception") && line.contains("stoa");
    }

    /** The node reports its counts once it is up: wait for that first row. */
    private static void awaitThisNodesCounts() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (count("SELECT count(*) FROM connection_counts") == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the node never reported its counts");
            }
            Thread.sleep(500);
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(external.jdbcUrl("stoa_shutdown"), external.user(),
                external.password()); Statement s = c.createStatement(); ResultSet row = s.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }
}
