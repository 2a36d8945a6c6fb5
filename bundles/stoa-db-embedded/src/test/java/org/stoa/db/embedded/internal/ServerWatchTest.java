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

            ProcessHandle.of(server.pid()).orElseThrow().destroyForcibly();

            assertEquals("committed before the crash", firstAnswer(url, server, "SELECT text FROM note"));
            assertNotEquals(server.pid(), watch.server().pid());
            assertEquals(server.port(), watch.server().port());
        }
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
