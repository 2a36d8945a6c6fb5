package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/** Two Stoa nodes on one PostgreSQL: only one is the VM hub; the other takes over when it stops. */
class HubTakeoverTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;

    @BeforeAll
    static void start() throws Exception {
        Path root = Path.of(System.getProperty("stoa.work", "target/stoa-work")).toAbsolutePath().resolve("takeover-pg");
        StoaInstance.deleteTree(root.resolve("data"));
        database = PostgresServer.start(PostgresSettings.of(root.resolve("data")).withBinariesDir(root.resolve("binaries"))
                .withPort(freePort()).withPassword("takeover-" + System.nanoTime()));
        database.createDatabaseIfMissing("stoa_shared");
        Map<String, String> shared = Map.of("STOA_DB_URL", database.jdbcUrl("stoa_shared"), "STOA_DB_USER", database.user(),
                "STOA_DB_PASSWORD", database.password(), "STOA_SPOKE_ENABLED", "false");
        first = StoaInstance.unpack("takeover1", 800, shared);
        second = StoaInstance.unpack("takeover2", 900, shared);
        first.start();
        first.awaitStoa(BOOT, r -> r.output().contains("f1-xs"), "vm:sizes");
        second.start();
        second.awaitAnswer(BOOT, r -> r.output().contains("not the VM hub"), "vm:sizes");
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
    void aSecondHubIsRefusedNamingTheHolderThenTakesOverWhenTheFirstStops() throws Exception {
        StoaInstance.Result refused = second.stoa("vm:sizes");
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(second.log().contains("not starting the VM hub: the hub lock is held by host"), "the refusal names the holder");

        first.stop();

        StoaInstance.Result taken = second.awaitStoa(Duration.ofSeconds(60), r -> r.output().contains("f1-xs"), "vm:sizes");
        assertTrue(taken.output().contains("f1-xx"));
        assertTrue(second.log().contains("this process is the VM hub"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
