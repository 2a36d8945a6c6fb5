package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded PostgreSQL's postmaster killed as the kernel's out-of-memory killer does: Stoa
 * restarts it by itself, commands work again, and an open socket hears changes made afterwards.
 */
class EmbeddedDatabaseCrashTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Duration RECOVERY = Duration.ofMinutes(2);
    private static final Duration SOON = Duration.ofSeconds(20);
    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("pgcrash", 8500, Map.of());
        stoa.start();
        stoa.awaitCoreSchema(BOOT);
        assertEquals(0, stoa.stoa("world:create", "--id", "crashy", "--title", "Crashy", "--domain", "crashy.test").exit());
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(stoa);
    }

    @Test
    void theServerRunsTheBinariesShippedInPostgresqlAndUnpacksNothing() throws Exception {
        String program = ProcessHandle.of(postmasterPid()).orElseThrow().info().command().orElseThrow();
        assertEquals(stoa.home().resolve("postgresql/bin/postgres").toRealPath().toString(), program);
        assertFalse(Files.exists(stoa.home().resolve("data/postgres-binaries")), "nothing unpacked into data/");
        assertFalse(stoa.log().contains("Unpacking PostgreSQL binaries"), stoa.log());
    }

    @Test
    void afterKill9OfThePostmasterCommandsWorkAgainAndOpenSocketsHearChanges() throws Exception {
        try (WsClient socket = WsClient.open(stoa.http(), "crashy")) {
            socket.authenticate(stoa.rawToken("crashy", "attendee"));
            long postmaster = postmasterPid();

            ProcessHandle.of(postmaster).orElseThrow().destroyForcibly();

            StoaInstance.Result listed = untilListed(socket);
            assertTrue(listed.output().contains("Crashy"), listed.output());
            assertFalse(postmasterPid() == postmaster, "a new postmaster runs");
            String log = stoa.log();
            assertTrue(log.contains("The embedded PostgreSQL (PID " + postmaster + ") has died; restarting it"), log);
            assertTrue(log.contains("The embedded PostgreSQL is back on"), log);

            // The cluster's LISTEN came back: a change made now reaches the socket that stayed open.
            stoa.awaitStoa(SOON, r -> true, "db:sql", "-c", "UPDATE worlds SET title = 'Crashy, recovered' WHERE id = 'crashy'");
            JsonNode updated = socket.await(f -> f.get(0).asText().equals("world.updated")
                    && f.at("/1/world/title").asText().equals("Crashy, recovered"), SOON);
            assertEquals("Crashy, recovered", updated.at("/1/world/title").asText());
            assertTrue(stoa.log().contains("listening to the cluster again"));
        }
    }

    /** world:list until it answers with the world again; the socket pings meanwhile, as the webapp does. */
    private static StoaInstance.Result untilListed(WsClient socket) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        StoaInstance.Result last = null;
        for (int ping = 1; System.nanoTime() < deadline; ping++) {
            socket.send("ping", ping);
            last = stoa.stoa("world:list");
            if (last.exit() == 0 && last.output().contains("crashy")) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("world:list did not recover within " + RECOVERY + "; last: " + last + "\n" + stoa.log());
    }

    private static long postmasterPid() throws Exception {
        Path pidFile = stoa.home().resolve("data/postgres/postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    }
}
