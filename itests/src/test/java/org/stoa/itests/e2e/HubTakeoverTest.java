package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stoa.db.embedded.PostgresServer;

/** Two Stoa nodes on one PostgreSQL: only one is the VM hub; the other takes over when it stops. */
class HubTakeoverTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static PostgresServer database;
    private static StoaInstance first;
    private static StoaInstance second;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresServer.start(ExternalPostgres.fresh("takeover-pg"));
        database.createDatabaseIfMissing("stoa_shared");
        Map<String, String> shared = new HashMap<>(ExternalPostgres.environment(database, "stoa_shared"));
        shared.put("STOA_SPOKE_ENABLED", "false");
        first = StoaInstance.unpack("takeover1", 800, shared);
        second = StoaInstance.unpack("takeover2", 900, shared);
        first.start();
        first.awaitStoa(BOOT, r -> r.output().contains("f1-xs"), "vm:sizes");
        second.start();
        second.awaitAnswer(BOOT, r -> r.output().contains("not the VM hub"), "vm:sizes");
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(second, first, database);
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
}
