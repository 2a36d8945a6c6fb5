package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The assembled distribution as an operator runs it: bin/start, bin/stoa from a script with
 * no terminal and no input, a restart, bin/stop. One instance for the class; the tests run in
 * order because a restart is one of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionTest {

    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final int SSH_PORT = 8101 + 300;
    private static StoaInstance stoa;

    @BeforeAll
    static void start() throws Exception {
        stoa = StoaInstance.unpack("distribution", 300, Map.of());
        stoa.start();
        stoa.awaitCoreSchema(BOOT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (stoa != null) {
            stoa.close();
        }
    }

    @Test
    @Order(1)
    void showMigrationsListsEveryBootedModulesSchemaAsApplied() throws Exception {
        // Modules migrate as their bundles start, so the event modules may follow the core a moment later.
        StoaInstance.Result result = stoa.awaitStoa(Duration.ofMinutes(1), r -> !r.output().contains("[ ]")
                && r.output().contains("stoa-worlds") && r.output().contains("stoa-vm-hub")
                && r.output().contains("stoa-payments") && r.output().contains("stoa-connections")
                && r.output().contains("stoa-chat") && r.output().contains("stoa-vm-console"), "db:showmigrations");

        assertEquals(List.of("stoa-chat", " [X] 01_chat", " [X] 02_volatile_sockets",
                "stoa-connections", " [X] 01_connections", " [X] 02_cluster_replay", " [X] 03_server_state",
                "stoa-db", " [X] 01_installation", " [X] 02_server_state",
                "stoa-payments", " [X] 01_payments", " [X] 02_price_history_to_hub",
                " [X] 03_manual_changes_are_audited",
                "stoa-tokens", " [X] 01_login_links", "stoa-vm-console", " [X] 01_console",
                "stoa-vm-hub", " [X] 01_capsul", " [X] 02_hosts_removed", " [X] 03_price_history_and_usage",
                " [X] 04_failed_creates_unbilled", " [X] 05_server_state",
                "stoa-worlds", " [X] 01_worlds", " [X] 02_live", " [X] 03_blocks", " [X] 04_grant_events"),
                result.lines());
    }

    @Test
    @Order(2)
    void sqlSelectPrintsTheRow() throws Exception {
        StoaInstance.Result result = stoa.stoa("db:sql", "-c", "SELECT 1");

        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("1"), result.lines());
    }

    @Test
    @Order(3)
    void migrateWithNothingPendingSaysSoUnderItsOldName() throws Exception {
        StoaInstance.Result result = stoa.stoa("migrate");

        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("No migrations to apply."), result.lines());
    }

    @Test
    @Order(4)
    void aFailingStatementExitsNonZeroWithTheDatabaseMessageAndChangesNothing() throws Exception {
        assertEquals(0, stoa.stoa("sql", "-c", "CREATE TABLE kept (note text)").exit());

        StoaInstance.Result failed = stoa.stoa("db:sql", "-c", "INSERT INTO kept VALUES ('x'); SELECT * FROM missing");

        assertNotEquals(0, failed.exit());
        assertTrue(failed.output().contains("ERROR: relation \"missing\" does not exist"), failed.output());
        assertFalse(failed.output().contains("Exception"), failed.output());
        assertEquals(List.of("0"), stoa.stoa("db:sql", "-c", "SELECT count(*) FROM kept").lines());
    }

    @Test
    @Order(5)
    void anUnknownCommandExitsNonZero() throws Exception {
        StoaInstance.Result result = stoa.stoa("db:nonsense");

        assertNotEquals(0, result.exit());
        assertTrue(result.output().contains("db:nonsense"), result.output());
    }

    @Test
    @Order(6)
    void aSqlFileIsReadFromTheCallersDirectory() throws Exception {
        Path script = stoa.home().resolve("insert.sql");
        Files.writeString(script, "INSERT INTO kept VALUES ('from a file');\nINSERT INTO kept VALUES ('and another');\n");

        StoaInstance.Result result = stoa.stoa("db:sql", "-f", "insert.sql");

        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("1 rows affected.", "1 rows affected."), result.lines());
    }

    @Test
    @Order(6)
    void sqlFromStandardInputRunsLikeAFile() throws Exception {
        StoaInstance.Result result = stoa.stoaWithInput("SELECT 41 + 1;\nSELECT 'piped';\n", "db:sql", "-f", "-");

        assertEquals(0, result.exit(), result.output());
        assertEquals(List.of("42", "piped"), result.lines());
    }

    @Test
    @Order(7)
    void thereIsNoPasswordLoginAndTheKeyIsTheInstallersAlone() throws Exception {
        Properties users = new Properties();
        try (var in = Files.newInputStream(stoa.home().resolve("etc/users.properties"))) {
            users.load(in);
        }
        assertTrue(users.stringPropertyNames().stream().allMatch(k -> k.startsWith("_g_:")), users.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stoa.home().resolve("etc/stoa.key"))));
    }

    @Test
    @Order(8)
    void theConsoleListensOnLoopbackOnly() throws Exception {
        // What the kernel says the console's socket is bound to: this fails for 0.0.0.0 or :: even
        // on a host that has no other address to try a connection from.
        List<InetAddress> bound = listeningAddresses(SSH_PORT);
        assertFalse(bound.isEmpty(), "nothing listens on " + SSH_PORT);
        assertTrue(bound.stream().allMatch(InetAddress::isLoopbackAddress), "the console listens on " + bound);

        Optional<InetAddress> outside = nonLoopbackAddress();
        try (Socket loopback = new Socket()) {
            loopback.connect(new InetSocketAddress("127.0.0.1", SSH_PORT), 2000);
        }
        if (outside.isPresent()) {
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(outside.get(), SSH_PORT), 2000);
                }
            });
        }
    }

    @Test
    @Order(9)
    void aPluginDroppedIntoDeployIsMigratedAndItsCommandsAppearAndGo() throws Exception {
        Path deployed = stoa.home().resolve("deploy/stoa-example.jar");
        Files.copy(Path.of(System.getProperty("stoa.example.jar")), deployed, StandardCopyOption.REPLACE_EXISTING);

        stoa.awaitStoa(Duration.ofMinutes(1), r -> r.output().contains("[X] 2-note-created"), "db:showmigrations");
        StoaInstance.Result added = stoa.awaitStoa(Duration.ofSeconds(30), r -> true, "example:note-add", "hot deployed");
        assertEquals(List.of("Note 1 stored."), added.lines());
        assertEquals(List.of("1 hot deployed"), stoa.stoa("example:note-list").lines());

        Files.delete(deployed);
        StoaInstance.Result gone = null;
        for (int i = 0; i < 30; i++) {
            gone = stoa.stoa("example:note-list");
            if (gone.exit() != 0) {
                break;
            }
            Thread.sleep(1000);
        }
        assertNotEquals(0, gone.exit(), gone.output());
    }

    @Test
    @Order(10)
    void dataSurvivesARestart() throws Exception {
        String installation = stoa.stoa("db:sql", "-c", "SELECT id FROM stoa_installation").output().strip();

        stoa.stop();
        assertTrue(StoaInstance.processesUsing(stoa.home()).isEmpty(), "Karaf and PostgreSQL are gone after bin/stop");
        stoa.start();
        stoa.awaitCoreSchema(BOOT);

        assertEquals(installation, stoa.stoa("db:sql", "-c", "SELECT id FROM stoa_installation").output().strip());
        assertEquals(List.of("and another", "from a file"),
                stoa.stoa("db:sql", "-c", "SELECT note FROM kept ORDER BY note").lines());
        assertEquals(List.of("1 hot deployed"),
                stoa.stoa("db:sql", "-c", "SELECT id, text FROM example_note").lines().stream()
                        .map(l -> l.replace(", ", " ")).toList());
    }

    @Test
    @Order(11)
    void karafsCleanOptionIsRefusedBecauseItWouldDeleteTheDatabase() throws Exception {
        StoaInstance.Result refused = stoa.command("bin/start", "clean");

        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("Refusing 'clean'"), refused.output());
        assertTrue(Files.exists(stoa.home().resolve("data/postgres/PG_VERSION")));
        assertEquals(List.of("1"), stoa.stoa("db:sql", "-c", "SELECT count(*) FROM stoa_installation").lines());
    }

    /** The local addresses of the sockets listening on {@code port}, from /proc/net/tcp and tcp6. */
    private static List<InetAddress> listeningAddresses(int port) throws IOException {
        List<InetAddress> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                // State 0A is LISTEN.
                if ("0A".equals(fields[3]) && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(InetAddress.getByAddress(kernelOrder(local[0])));
                }
            }
        }
        return addresses;
    }

    /** The kernel prints an address as 32-bit words in host byte order (little-endian here). */
    private static byte[] kernelOrder(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int at = (word + 3 - i) * 2;
                bytes[word + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return bytes;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
