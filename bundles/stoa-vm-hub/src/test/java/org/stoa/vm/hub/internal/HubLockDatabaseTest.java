package org.stoa.vm.hub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestPostgres;

/** Only one hub at a time: two hubs on one database. */
class HubLockDatabaseTest {

    private HubFixture fixture;
    private HubLock first;
    private HubLock second;

    @BeforeEach
    void twoHubs() throws Exception {
        fixture = new HubFixture();
        first = new HubLock(fixture.database, "host hub-a pid 101");
        second = new HubLock(fixture.database, "host hub-b pid 202");
    }

    @AfterEach
    void release() throws Exception {
        first.close();
        second.close();
    }

    @Test
    void theSecondHubIsRefusedWithTheHolderNamed() throws Exception {
        assertTrue(first.tryAcquire().acquired());

        HubLock.Attempt refused = second.tryAcquire();

        assertFalse(refused.acquired());
        assertTrue(refused.holder().startsWith("host hub-a pid 101 since "), refused.holder());
        assertTrue(first.tryAcquire().acquired());
    }

    @Test
    void whenTheHolderDiesTheSecondHubTakesOver() throws Exception {
        first.tryAcquire();
        second.tryAcquire();

        killHolderSession();

        assertFalse(first.held());
        HubLock.Attempt takeover = second.tryAcquire();
        assertTrue(takeover.acquired());
        assertTrue(second.held());
        assertTrue(first.tryAcquire().holder().startsWith("host hub-b pid 202 since "));
    }

    @Test
    void aReleasedLockIsFreeForTheNextHub() throws Exception {
        first.tryAcquire();
        first.release();

        assertTrue(second.tryAcquire().acquired());
        assertEquals("host hub-b pid 202", second.tryAcquire().holder());
    }

    @Test
    void theLockSessionIsProbedSoAVanishedHubLosesTheLockWithinSeconds() throws Exception {
        first.tryAcquire();

        // A session over TCP: PostgreSQL sends its keepalives after 10 s of silence, every 5 s, 3 times.
        assertEquals("10", first.sessionSetting("tcp_keepalives_idle").orElseThrow());
        assertEquals("5", first.sessionSetting("tcp_keepalives_interval").orElseThrow());
        assertEquals("3", first.sessionSetting("tcp_keepalives_count").orElseThrow());
    }

    /** What a killed hub process looks like to PostgreSQL: its session ends. */
    private void killHolderSession() throws Exception {
        try (Connection c = TestPostgres.connect(fixture.url); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(backend_pid, 10000) FROM hub_lock_holder");
        }
    }
}
