package org.stoa.db.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/** The embedded server's postmaster killed as the out-of-memory killer does. */
class ServerWatchTest {

    private static final Path BINARIES = Path.of("target", "pg-binaries").toAbsolutePath();

    @TempDir
    Path temp;

    @Test
    void aKilledPostmasterIsRestartedOnTheSamePortWithItsDataAfterCrashRecovery() throws Exception {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        PostgresServer server = PostgresServer.start(
                PostgresSettings.of(temp.resolve("postgres")).withBinariesDir(BINARIES));
        try (ServerWatch watch = new ServerWatch(server, 200)) {
            String url = server.jdbcUrl("postgres");
            try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                    Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE note (text varchar)");
                s.executeUpdate("INSERT INTO note VALUES ('committed before the crash')");
            }

            ProcessHandle postmaster = ProcessHandle.of(server.pid()).orElseThrow();
            postmaster.destroyForcibly();
            // The kill is asynchronous: until the old postmaster is gone it may still accept a connection.
            postmaster.onExit().get(1, TimeUnit.MINUTES);

            assertEquals("committed before the crash", firstAnswer(url, server, "SELECT text FROM note"));
            // The restarted server accepts connections a moment before the watch records it.
            assertNotEquals(server.pid(), restartedServer(watch, server.pid()).pid());
            assertEquals(server.port(), watch.server().port());
        }
    }

    /** The server the watch holds once it is no longer the one of PID {@code killed}, waiting up to a minute. */
    private static PostgresServer restartedServer(ServerWatch watch, long killed) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (watch.server().pid() == killed && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        return watch.server();
    }

    /** The answer of the first connection that works, trying for two minutes. */
    private static String firstAnswer(String url, PostgresServer server, String sql) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (true) {
            try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
                    Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                r.next();
                return r.getString(1);
            } catch (SQLException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
