package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/**
 * Faults in the middle of work that spans many transactions: the VM hub killed (kill -9) half way
 * through a billing run, and half way through a plugin's migration. Each time the next start, on
 * the same external PostgreSQL, finishes the work exactly once, whether it is the killed node's
 * own restart or (for the migration) another node's first start:
 * <ul>
 * <li>billing: killed at its first committed decision, the run is finished by the restarted hub's
 * next run: every account is decided once (one notice, one remembered warning per level) and every
 * notice is delivered once, none by the dead run and none twice;</li>
 * <li>migration: the plugin's migration is applied once (its rows once, one history row), the
 * Liquibase lock row the dead node left set is cleared (the log says so) rather than waited on
 * for five minutes, and nothing is left locked.</li>
 * </ul>
 * The run is made long enough to be caught by its size ({@value #DEFAULT_ACCOUNTS} accounts, or
 * {@code -Dstoa.faults.accounts=N}); the migration by a {@code pg_sleep} in a plugin this test
 * builds and drops into {@code deploy/}, as an operator drops any plugin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KilledMidWayTest {

    private static final int DEFAULT_ACCOUNTS = 3000;
    private static final int ACCOUNTS = Integer.getInteger("stoa.faults.accounts", DEFAULT_ACCOUNTS);
    private static final Duration BOOT = Duration.ofMinutes(3);
    private static final Pattern LOGGED_NOTICE = Pattern.compile("billing notice (\\d+) for ");

    private static PostgresServer database;
    private static Map<String, String> environment;
    private static StoaInstance node;
    private static StoaInstance other;

    @BeforeAll
    static void start() throws Exception {
        PostgresSettings settings = ExternalPostgres.fresh("killed-pg");
        database = PostgresServer.start(settings);
        database.createDatabaseIfMissing("stoa_killed");
        environment = new HashMap<>(ExternalPostgres.environment(database, "stoa_killed"));
        environment.put("STOA_SPOKE_ENABLED", "false");
        environment.put("STOA_BILLING_INTERVAL_SECONDS", "10");
        node = StoaInstance.unpack("killed", 12500, environment);
        node.set("etc/org.stoa.hub.cfg", "lockCheckSeconds", "5");
        node.start();
        node.awaitStoa(BOOT, r -> r.output().contains("f1-xs"), "vm:sizes");
        // Payments migrates after the hub: its commands answer once its schema is there.
        node.awaitStoa(BOOT, r -> true, "account:list");
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(other, node, database);
    }

    @Test
    @Order(1)
    void aBillingRunKilledHalfWayIsFinishedOnceByTheNextStart() throws Exception {
        seedAccountsNearingZero(ACCOUNTS);
        // The next run decides account after account, one transaction each: kill at its first decision.
        awaitCount("SELECT count(*) FROM billing_notices", n -> n > 0, Duration.ofMinutes(2));
        node.kill();
        awaitKarafGone(node);
        long delivered = count("SELECT count(*) FROM billing_notices WHERE delivered IS NOT NULL");
        long decided = count("SELECT count(*) FROM billing_notices");
        assertTrue(decided > 0 && delivered < ACCOUNTS, "killed half way: " + decided + " of " + ACCOUNTS
                + " accounts decided, " + delivered + " notices delivered (raise -Dstoa.faults.accounts if none)");

        node.start();
        awaitCount("SELECT count(*) FROM billing_notices WHERE delivered IS NOT NULL", n -> n >= ACCOUNTS,
                Duration.ofMinutes(5));
        assertEquals(ACCOUNTS, count("SELECT count(*) FROM billing_notices WHERE delivered IS NOT NULL"),
                "every notice delivered after the restart");
        assertEquals(ACCOUNTS, count("SELECT count(*) FROM billing_notices"), "one notice per account");
        assertEquals(ACCOUNTS, count("SELECT count(DISTINCT email) FROM billing_notices"), "no account left out");
        assertEquals(ACCOUNTS, count("SELECT count(*) FROM billing_warnings WHERE level = 'week'"));
        assertEquals(ACCOUNTS, count("SELECT count(*) FROM billing_warnings"), "only the week's warning holds");
        // Sent once: each notice appears once in the log (the killed run's lines and the next run's).
        Map<Long, Integer> logged = new TreeMap<>();
        Matcher line = LOGGED_NOTICE.matcher(node.log());
        while (line.find()) {
            logged.merge(Long.parseLong(line.group(1)), 1, Integer::sum);
        }
        assertEquals(ACCOUNTS, logged.size(), "every notice logged");
        assertTrue(logged.values().stream().allMatch(times -> times == 1), "a notice logged twice: " + logged);
        assertTrue(node.stoa("account:list").output().contains("faulty000001@example.org"));
    }

    @Test
    @Order(2)
    void aMigrationKilledHalfWayIsFinishedOnceByTheNextStart() throws Exception {
        killDuringMigration(node, "stoa-faults-slow", "faults_slow_rows");

        node.start();
        assertMigratedOnce(node, "faults_slow_rows");
        // The rest of the node is up too: it is the VM hub again.
        node.awaitStoa(Duration.ofSeconds(60), r -> r.output().contains("f1-xs"), "vm:sizes");
    }

    @Test
    @Order(3)
    void aMigrationKilledHalfWayOnOneNodeIsFinishedOnceByAnotherNodeOnTheSameDatabase() throws Exception {
        killDuringMigration(node, "stoa-faults-other", "faults_other_rows");

        other = StoaInstance.unpack("killed2", 12600, environment);
        writeSlowPlugin(other.home().resolve("deploy/stoa-faults-other.jar"), "stoa-faults-other", "faults_other_rows");
        other.start();
        assertMigratedOnce(other, "faults_other_rows");
        // The dead node's hub lock died with its session: this node took it.
        other.awaitStoa(Duration.ofSeconds(60), r -> r.output().contains("f1-xs"), "vm:sizes");
    }

    /** Drops a plugin with a slow migration into the node's deploy/, and kills the node while it runs. */
    private static void killDuringMigration(StoaInstance victim, String module, String table) throws Exception {
        Path built = Files.createTempFile(module, ".jar");
        writeSlowPlugin(built, module, table);
        Files.move(built, victim.home().resolve("deploy/" + module + ".jar"), StandardCopyOption.ATOMIC_MOVE);
        awaitCount("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(20)%' AND pid <> pg_backend_pid()",
                n -> n > 0, Duration.ofMinutes(2));
        assertEquals(1, count("SELECT count(*) FROM databasechangeloglock WHERE locked"),
                "Liquibase's lock is set while the migration runs");
        victim.kill();
        awaitKarafGone(victim);
    }

    /** The module's migration shows applied, its rows are there once, and nothing is left locked. */
    private static void assertMigratedOnce(StoaInstance migrator, String table) throws Exception {
        migrator.awaitStoa(BOOT, r -> r.output().contains("[X] 01_" + table), "db:showmigrations");
        assertEquals(100, count("SELECT count(*) FROM " + table), "the migration's rows, once");
        assertEquals(1, count("SELECT count(*) FROM databasechangelog WHERE id = '01_" + table + "'"));
        // The node's other modules may still be checking their own migrations, each taking the lock for
        // a moment; a lock left behind by the killed node would never clear.
        awaitCount("SELECT count(*) FROM databasechangeloglock WHERE locked", n -> n == 0, Duration.ofSeconds(60));
        assertEquals(0, count("SELECT count(*) FROM databasechangeloglock WHERE locked"), "nothing left locked");
        // Liquibase keeps one lock row for every module: whichever module migrates first clears it.
        assertTrue(migrator.log().contains(": cleared a stale migration lock left by"),
                "the stale lock is cleared, not waited on");
    }

    /**
     * Accounts with one running f1-xs each and $1 paid: $0.82 left at $0.18 a day, so each is
     * warned that it runs out within a week, and nothing more.
     */
    private static void seedAccountsNearingZero(int accounts) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO hosts (id, https_url, token) VALUES ('faulty', 'http://127.0.0.1:9', "
                    + "repeat('t', 32))");
            s.execute("CREATE TEMP TABLE seeded AS SELECT n, 'faulty' || lpad(n::text, 6, '0') || '@example.org' AS email, "
                    + "'capsul-' || lpad(n::text, 10, '0') AS vm FROM generate_series(1, " + accounts + ") n");
            s.execute("INSERT INTO accounts (email) SELECT email FROM seeded");
            s.execute("INSERT INTO operations (id, email, kind, vm_id, os, size, claimed_by, claimed) "
                    + "SELECT 1000000 + n, email, 'create', vm, 'debian12', 'f1-xs', 'faulty', now() FROM seeded");
            s.execute("INSERT INTO host_operation (host, operation, assignment_status, assigned, completed) "
                    + "SELECT 'faulty', 1000000 + n, 'assigned', now(), now() FROM seeded");
            s.execute("INSERT INTO vms (id, email, os, size, host, create_operation, state) "
                    + "SELECT vm, email, 'debian12', 'f1-xs', 'faulty', 1000000 + n, 'running' FROM seeded");
            s.execute("INSERT INTO payments (email, dollars) SELECT email, 1.00 FROM seeded");
            c.commit();
        }
    }

    /** A plugin bundle with no code: one migration that sleeps 20 s, then creates and fills a table. */
    private static void writeSlowPlugin(Path jar, String module, String table) throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", module);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Stoa-Migrations", "db");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("db/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("db/01_up_" + table + ".sql"));
            out.write(("SELECT pg_sleep(20);\nCREATE TABLE " + table + " (n integer NOT NULL);\n"
                    + "INSERT INTO " + table + " SELECT generate_series(1, 100);\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static void awaitKarafGone(StoaInstance killed) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!StoaInstance.processesUsing(killed.home()).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
    }

    /**
     * Polls {@code query} until its count satisfies {@code done} or {@code timeout} passes; the caller asserts.
     * Every 20 ms: the billing case kills the node at the run's first decision.
     */
    private static void awaitCount(String query, LongPredicate done, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(count(query)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    private static long count(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet row = s.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl("stoa_killed"), database.user(), database.password());
    }
}
