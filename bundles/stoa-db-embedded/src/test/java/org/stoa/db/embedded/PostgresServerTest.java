package org.stoa.db.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    /** Unpacked once for the whole suite (and kept across builds until `mvn clean`). */
    private static final Path BINARIES = Path.of("target", "pg-binaries").toAbsolutePath();

    @TempDir
    Path temp;

    private final List<PostgresServer> started = new ArrayList<>();

    @BeforeEach
    void letTheServerAccountThroughTheTempDir() throws IOException {
        // JUnit makes @TempDir mode 0700; a root JVM runs PostgreSQL as 'nobody', which must pass through it.
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void stopServers() throws IOException {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        try (PostgresServer first = PostgresServer.start(settings())) {
            update(first, "CREATE TABLE note (text varchar)", "INSERT INTO note VALUES ('kept')");
        }
        PostgresServer second = start(settings());
        assertEquals("kept", queryOne(second, "SELECT text FROM note"));
    }

    @Test
    void startStopsAServerAnEarlierProcessLeftRunningOnTheSameDataDir() throws Exception {
        PostgresServer abandoned = start(settings());
        update(abandoned, "CREATE TABLE note (text varchar)", "INSERT INTO note VALUES ('from before')");

        PostgresServer replacement = start(settings());

        assertEquals("from before", queryOne(replacement, "SELECT text FROM note"));
    }

    @Test
    void closingAReplacedServerLeavesItsReplacementRunning() throws Exception {
        PostgresServer abandoned = start(settings());
        PostgresServer replacement = start(settings());

        abandoned.close();

        assertEquals("1", queryOne(replacement, "SELECT 1"));
    }

    @Test
    void aStalePidFileFromACrashedServerDoesNotBlockTheStart() throws Exception {
        Path pidFile = settings().dataDir().resolve("postmaster.pid");
        String pidFileOfARunningServer;
        try (PostgresServer crashed = PostgresServer.start(settings())) {
            pidFileOfARunningServer = Files.readString(pidFile);
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pidFile, pidFileOfARunningServer.replaceFirst("^\\d+", String.valueOf(gone.pid())));

        PostgresServer restarted = start(settings());

        assertEquals("1", queryOne(restarted, "SELECT 1"));
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        PostgresServer server = start(settings());

        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.jdbcUrl("postgres"), server.user(), "not-the-password"));

        assertEquals("28P01", refused.getSQLState());
    }

    @Test
    void theGeneratedPasswordIsKeptInAPrivateFileAndReusedAfterARestart() throws Exception {
        String generated;
        try (PostgresServer first = PostgresServer.start(settings())) {
            generated = first.password();
        }
        PostgresServer second = start(settings());

        assertTrue(generated.matches("[A-Za-z0-9]{32,}"), generated.length() + " characters");
        assertEquals(generated, second.password());
        assertEquals(generated, Files.readString(settings().passwordFile()).strip());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(settings().passwordFile())));
    }

    @Test
    void aGivenPasswordIsUsedAndNotWrittenDown() throws Exception {
        PostgresServer server = start(settings().withPassword("given-Secret-1"));

        assertEquals("given-Secret-1", server.password());
        assertEquals("1", queryOne(server, "SELECT 1"));
        assertFalse(Files.exists(settings().passwordFile()));
    }

    @Test
    void theSuperuserIsTheConfiguredUser() throws Exception {
        PostgresServer server = start(settings().withUser("owner"));

        assertEquals("owner", queryOne(server, "SELECT current_user"));
    }

    @Test
    void theClusterIsUtf8WithLocaleC() throws Exception {
        PostgresServer server = start(settings());

        assertEquals("UTF8 C", queryOne(server,
                "SELECT pg_encoding_to_char(encoding) || ' ' || datcollate FROM pg_database WHERE datname = 'postgres'"));
    }

    @Test
    void theServerListensOnLoopbackOnlyWithoutUnixSockets() throws Exception {
        PostgresServer server = start(settings());

        assertEquals("127.0.0.1", queryOne(server, "SHOW listen_addresses"));
        assertEquals("", queryOne(server, "SHOW unix_socket_directories"));
    }

    @Test
    void createDatabaseIfMissingCreatesItOnceAndAcceptsRepeats() throws Exception {
        PostgresServer server = start(settings());

        server.createDatabaseIfMissing("stoa");
        server.createDatabaseIfMissing("stoa");

        assertEquals("stoa", queryOne(server, "stoa", "SELECT current_database()"));
    }

    @Test
    void createDatabaseIfMissingRefusesNamesThatNeedQuoting() throws Exception {
        PostgresServer server = start(settings());

        assertThrows(IllegalArgumentException.class, () -> server.createDatabaseIfMissing("x\"; DROP"));
    }

    @Test
    void theApplicationOwnsItsNewDatabaseAndIsNoSuperuser() throws Exception {
        PostgresServer server = start(settings());

        PostgresServer.Login app = server.provideApplicationDatabase("stoa", "stoa_app");

        assertEquals("stoa_app", app.user());
        assertEquals("stoa_app false false false", queryAs(server, app, "SELECT current_user || ' ' || rolsuper || ' '"
                + " || rolcreatedb || ' ' || rolcreaterole FROM pg_roles WHERE rolname = current_user"));
        assertEquals("stoa_app", queryAs(server, app, "SELECT pg_get_userbyid(datdba) FROM pg_database "
                + "WHERE datname = current_database()"));
        assertFalse(app.toString().contains(app.password()));
    }

    @Test
    void theApplicationRoleCannotReachServerFilesProgramsOrSettings() throws Exception {
        PostgresServer server = start(settings());
        PostgresServer.Login app = server.provideApplicationDatabase("stoa", "stoa_app");

        for (String superuserOnly : List.of("COPY (SELECT 1) TO PROGRAM 'id'", "COPY (SELECT 1) TO '/tmp/stoa-copy'",
                "SELECT pg_read_file('postgresql.conf')", "ALTER SYSTEM SET work_mem = '64MB'",
                "CREATE ROLE intruder SUPERUSER", "CREATE DATABASE other")) {
            SQLException refused = assertThrows(SQLException.class, () -> queryAs(server, app, superuserOnly),
                    superuserOnly);
            assertEquals("42501", refused.getSQLState(), superuserOnly + ": " + refused.getMessage());
        }
    }

    @Test
    void aDatabaseAnEarlierReleaseLeftToTheSuperuserIsHandedToTheApplicationWithEveryRow() throws Exception {
        PostgresServer server = start(settings());
        update(server, "CREATE DATABASE stoa");
        try (Connection old = connect(server, "stoa"); Statement statement = old.createStatement()) {
            for (String sql : List.of("CREATE SCHEMA archive",
                    "CREATE TYPE archive.state AS ENUM ('open', 'closed')",
                    "CREATE DOMAIN dollars AS numeric(12, 2) CHECK (VALUE >= 0)",
                    "CREATE TABLE payments (id serial PRIMARY KEY, amount dollars, invalidated boolean DEFAULT false)",
                    "CREATE TABLE archive.notes (id bigint GENERATED ALWAYS AS IDENTITY, state archive.state)",
                    "CREATE SEQUENCE free_standing",
                    "CREATE VIEW valid_payments AS SELECT * FROM payments WHERE NOT invalidated",
                    "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                    "CREATE TRIGGER audited BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION audit()",
                    "INSERT INTO payments (amount) VALUES (20), (5)",
                    "INSERT INTO archive.notes (state) VALUES ('open')")) {
                statement.execute(sql);
            }
        }

        PostgresServer.Login app = server.provideApplicationDatabase("stoa", "stoa_app");

        assertEquals("0", queryAs(server, app, "SELECT count(*) FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'archive') AND c.relowner <> "
                + "'stoa_app'::regrole"));
        assertEquals("stoa_app stoa_app stoa_app stoa_app", queryAs(server, app, "SELECT "
                + "(SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'archive') || ' ' || "
                + "(SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'audit') || ' ' || "
                + "(SELECT pg_get_userbyid(typowner) FROM pg_type WHERE typname = 'state') || ' ' || "
                + "(SELECT pg_get_userbyid(typowner) FROM pg_type WHERE typname = 'dollars')"));
        assertEquals("25.00", queryAs(server, app, "SELECT sum(amount) FROM valid_payments"));
        assertEquals("3", queryAs(server, app, "INSERT INTO payments (amount) VALUES (1) RETURNING id"));
        assertEquals("2", queryAs(server, app, "INSERT INTO archive.notes (state) VALUES ('closed') RETURNING id"));
        assertEquals("1", queryAs(server, app, "SELECT nextval('free_standing')"));
        // db:restore's load switches the module's triggers off, which only the owner may do.
        updateAs(server, app, "ALTER TABLE payments DISABLE TRIGGER USER", "ALTER TABLE payments ENABLE TRIGGER USER",
                "CREATE TABLE later_migration (id int)");
    }

    @Test
    void everyStartGivesTheApplicationRoleANewPasswordAndRefusesTheOld() throws Exception {
        PostgresServer server = start(settings());
        PostgresServer.Login first = server.provideApplicationDatabase("stoa", "stoa_app");

        PostgresServer.Login second = server.provideApplicationDatabase("stoa", "stoa_app");

        assertEquals("stoa_app", queryAs(server, second, "SELECT current_user"));
        SQLException refused = assertThrows(SQLException.class, () -> queryAs(server, first, "SELECT 1"));
        assertEquals("28P01", refused.getSQLState());
    }

    @Test
    void theApplicationRoleMustNotBeTheSuperuser() throws Exception {
        PostgresServer server = start(settings());

        assertThrows(IllegalArgumentException.class, () -> server.provideApplicationDatabase("stoa", server.user()));
        assertThrows(IllegalArgumentException.class, () -> server.provideApplicationDatabase("stoa", "x\"; DROP"));
    }

    @Test
    void closeStopsTheServerAndIsIdempotent() throws Exception {
        PostgresServer server = PostgresServer.start(settings());

        server.close();
        server.close();

        assertThrows(SQLException.class, () -> queryOne(server, "SELECT 1"));
    }

    @Test
    void aFailedStartReportsTheServerLog() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            IOException failure = assertThrows(IOException.class,
                    () -> start(settings().withPort(taken.getLocalPort())));

            assertTrue(failure.getMessage().contains("could not create any TCP/IP sockets"), failure.getMessage());
        }
    }

    @Test
    void aDataDirTheServerAccountCannotReachIsNamedInOneMessage() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "only root switches account");
        Path closed = Files.createDirectory(temp.resolve("closed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

        IOException failure = assertThrows(IOException.class,
                () -> start(PostgresSettings.of(closed.resolve("data").resolve("postgres")).withBinariesDir(BINARIES)));

        assertTrue(failure.getMessage().contains("'nobody'") && failure.getMessage().contains(closed.toString()),
                failure.getMessage());
    }

    @Test
    void aFullDiskIsNamedAsSuchWithTheDirectoryOnIt() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "only root mounts a tmpfs");
        Path tiny = Files.createDirectory(temp.resolve("tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", tiny.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs here");
        try {
            PostgresSettings full = PostgresSettings.of(tiny.resolve("postgres")).withBinariesDir(BINARIES)
                    .withLogFile(temp.resolve("postgres.log"));

            IOException failure = assertThrows(IOException.class, () -> start(full));

            assertTrue(failure.getMessage().startsWith("No space left on the device holding " + tiny.resolve("postgres")
                    + ": initdb -D failed; free some space there, then start again."), failure.getMessage());
        } finally {
            new ProcessBuilder("umount", tiny.toString()).start().waitFor();
        }
    }

    private PostgresSettings settings() {
        return PostgresSettings.of(temp.resolve("postgres")).withBinariesDir(BINARIES);
    }

    private PostgresServer start(PostgresSettings settings) throws IOException {
        PostgresServer server = PostgresServer.start(settings);
        started.add(server);
        return server;
    }

    private static void update(PostgresServer server, String... statements) throws SQLException {
        try (Connection connection = connect(server, "postgres"); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private static String queryOne(PostgresServer server, String sql) throws SQLException {
        return queryOne(server, "postgres", sql);
    }

    private static String queryOne(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = connect(server, database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "no row from " + sql);
            return rows.getString(1);
        }
    }

    private static String queryAs(PostgresServer server, PostgresServer.Login login, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("stoa"), login.user(), login.password());
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "no row from " + sql);
            return rows.getString(1);
        }
    }

    private static void updateAs(PostgresServer server, PostgresServer.Login login, String... statements)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("stoa"), login.user(), login.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Connection connect(PostgresServer server, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
    }
}
