package org.stoa.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * db:backup while writes go on, and db:restore into a new installation, through bin/stoa on two
 * assembled distributions: the restored server serves the same data, every table row for row;
 * a cut, damaged or newer file, and a database that holds data, are refused and change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest {

    private static final String ALICE = "alice@example.org";
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";
    private static final Pattern WRITTEN = Pattern.compile("Backed up (\\d+) tables, (\\d+) rows to (\\S+) \\(([0-9.]+ (?:bytes|KB|MB))\\)\\.");

    private static final Path FIXTURE = Path.of("../bundles/stoa-worlds/src/test/resources/sample-world.json");

    private static StoaInstance source;
    private static StoaInstance target;
    private static Path backup;

    @BeforeAll
    static void start() throws Exception {
        source = StoaInstance.unpack("backup-source", 7100, Map.of("STOA_LIBVIRT_URI", "test:///default"));
        target = StoaInstance.unpack("backup-target", 7200, Map.of("STOA_LIBVIRT_URI", "test:///default"));
        source.set("etc/org.stoa.db.backup.cfg", "intervalMinutes", "1");
        source.set("etc/org.stoa.db.backup.cfg", "keep", "2");
        source.start();
        target.start();
        source.awaitStoa(Duration.ofMinutes(5), r -> true, "account:list");
        target.awaitStoa(Duration.ofMinutes(5), r -> true, "account:list");
        fill(source);
    }

    @AfterAll
    static void stop() throws Exception {
        StoaInstance.closeAll(source, target);
    }

    /** Something in every module's tables, stored as operators and attendees store it. */
    private static void fill(StoaInstance stoa) throws Exception {
        assertEquals(0, stoa.stoa("account:create", ALICE).exit());
        assertEquals(0, stoa.stoa("account:ssh-key-add", ALICE, "laptop", KEY).exit());
        // COPY's text format escapes these; the restore must give them back as they were.
        assertEquals(0, stoa.stoa("payment:add", ALICE, "20", "--note", "tab\there, back\\slash, \"quoted\"").exit());
        stoa.sql("UPDATE payments SET invalidated = true WHERE id = 1");
        assertEquals(0, stoa.stoa("world:create", "--id", "plain", "--title", "Plain, with \"quotes\"", "--domain",
                "plain.example.org").exit());
        com.fasterxml.jackson.databind.node.ObjectNode config = (com.fasterxml.jackson.databind.node.ObjectNode)
                WsClient.JSON.readTree(Files.readString(FIXTURE));
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.get("world")).put("id", "kept");
        Path file = Files.createTempFile("kept", ".json");
        Files.writeString(file, config.toString());
        StoaInstance.Result imported = stoa.stoa("world:import-config", file.toString(), "--domain", "kept.example.org");
        assertEquals(0, imported.exit(), imported.output());
        stoa.sql("UPDATE worlds SET config = config || jsonb_build_object('note', E'line one\\nline two') WHERE id = 'kept'");
        try (WsClient attendee = WsClient.open(stoa.http(), "kept")) {
            attendee.authenticate(stoa.rawToken("kept", "attendee"));
        }
    }

    @Test
    @Order(1)
    void aBackupTakenWhileWritesGoOnIsOneConsistentSnapshot() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                try {
                    // A payment and its audit row in one transaction: a torn snapshot would hold one without the other.
                    if (source.stoa("payment:add", ALICE, "1", "--note", "during the backup").exit() == 0) {
                        written.incrementAndGet();
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        writer.start();
        StoaInstance.Result result;
        try {
            while (written.get() < 2) {
                Thread.sleep(200);
            }
            result = source.stoa("db:backup");
            while (written.get() < 6) {
                Thread.sleep(200);
            }
        } finally {
            writing.set(false);
            writer.join();
        }
        assertEquals(0, result.exit(), result.output());
        Matcher line = WRITTEN.matcher(result.lines().get(0));
        assertTrue(line.matches(), result.output());
        backup = Path.of(line.group(3));
        assertTrue(backup.startsWith(source.home().resolve("data/backups")), backup.toString());
        assertTrue(backup.getFileName().toString().matches("stoa-backup-\\d{4}-\\d\\d-\\d\\dT\\d{6}Z\\.gz"), backup.toString());
        assertTrue(result.lines().get(1).startsWith("Schema: ") && result.lines().get(1).contains("stoa-payments 03_manual_changes_are_audited"),
                result.output());

        Map<String, List<String>> tables = tables(backup);
        assertEquals(Integer.parseInt(line.group(1)), tables.size());
        assertEquals(tables.get("payments").size(), tables.get("payment_audit").stream()
                .filter(row -> row.split("\t")[2].equals("added")).count(), "every payment with its audit row");
        assertTrue(tables.get("payments").size() >= 3, tables.get("payments").toString());
        assertTrue(Integer.parseInt(source.sql("SELECT count(*) FROM payments")) > tables.get("payments").size(),
                "writes went on after the snapshot");
    }

    @Test
    @Order(2)
    void aCutOrDamagedFileIsRefusedInOneLineAndChangesNothing() throws Exception {
        byte[] whole = Files.readAllBytes(backup);
        Path cut = target.home().resolve("cut.gz");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        StoaInstance.Result refused = target.stoa("db:restore", cut.toString());
        assertNotEquals(0, refused.exit());
        assertEquals(1, refused.lines().size(), refused.output());
        assertTrue(refused.output().contains("cannot restore " + cut + ": the file is cut short") && refused.output()
                .contains("nothing was changed"), refused.output());

        Path damaged = target.home().resolve("damaged.gz");
        byte[] flipped = whole.clone();
        flipped[whole.length / 2] ^= 0x55;
        Files.write(damaged, flipped);
        StoaInstance.Result damagedRefused = target.stoa("db:restore", damaged.toString());
        assertNotEquals(0, damagedRefused.exit());
        assertTrue(damagedRefused.output().startsWith("cannot restore " + damaged + ": "), damagedRefused.output());

        assertEquals("0", target.sql("SELECT count(*) FROM accounts"));
    }

    @Test
    @Order(3)
    void aBackupFromANewerSchemaIsRefused() throws Exception {
        Path newer = target.home().resolve("newer.gz");
        List<String> lines = lines(backup);
        lines.add(2, "module stoa-future 01_time_travel");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(newer))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        StoaInstance.Result refused = target.stoa("db:restore", newer.toString());

        assertNotEquals(0, refused.exit());
        assertEquals(List.of("the backup is from a newer schema than this code knows (stoa-future 01_time_travel): "
                + "restore it with the release that took it; nothing was changed"), refused.lines());
    }

    @Test
    @Order(4)
    void aRestoreIntoANewInstallationServesTheSameDataAfterARestart() throws Exception {
        StoaInstance.Result restored = target.stoa("db:restore", backup.toString());
        assertEquals(0, restored.exit(), restored.output());
        assertTrue(restored.lines().get(0).matches("Restored \\d+ tables, \\d+ rows from " + Pattern.quote(backup.toString())
                + " \\(taken .*\\)\\."), restored.output());
        assertTrue(restored.output().contains("before-restore-"), restored.output());

        target.stop();
        target.start();
        target.awaitStoa(Duration.ofMinutes(5), r -> r.output().contains(ALICE), "account:list");

        Map<String, List<String>> before = tables(backup);
        StoaInstance.Result again = target.stoa("db:backup");
        assertEquals(0, again.exit(), again.output());
        Matcher line = WRITTEN.matcher(again.lines().get(0));
        assertTrue(line.matches(), again.output());
        Map<String, List<String>> after = tables(Path.of(line.group(3)));
        assertEquals(before.keySet(), after.keySet());
        for (String table : before.keySet()) {
            if (!SERVER_STATE.contains(table)) {
                assertEquals(before.get(table), after.get(table), "table " + table + " row for row");
            }
        }
        assertEquals(source.stoa("world:list").output(), target.stoa("world:list").output());
        assertTrue(target.stoa("payment:history", "1").output().contains("manual SQL"));
        long newest = tables(backup).get("payments").stream().mapToLong(row -> Long.parseLong(row.split("\t")[0])).max().orElseThrow();
        assertTrue(Long.parseLong(stoaAdd(target)) > newest, "the sequences go on from where the backup left them");
    }

    @Test
    @Order(5)
    void aDatabaseThatHoldsDataIsNeverOverwritten() throws Exception {
        StoaInstance.Result refused = target.stoa("db:restore", backup.toString());

        assertNotEquals(0, refused.exit());
        assertEquals(1, refused.lines().size(), refused.output());
        // The payment added after the restore is in no backup.
        assertEquals(List.of("the database already holds data (payments (1 rows not in the backup), payment_audit (1 rows "
                + "not in the backup)): restore into the empty database of a new installation; nothing was changed"),
                refused.lines());
        assertTrue(target.stoa("account:list").output().contains(ALICE));
    }

    @Test
    @Order(6)
    void scheduledBackupsAreLoggedAndOnlyTheNewestAreKept() throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(6));
        while (!source.log().contains("deleted (keeping the newest 2)") && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(2000);
        }
        String log = source.log();
        assertTrue(log.contains("scheduled backups every 1 minutes into"), log.lines().filter(l -> l.contains("backup")).toList().toString());
        assertTrue(log.contains("deleted (keeping the newest 2)"), log.lines().filter(l -> l.contains("backup")).toList().toString());

        List<String> files;
        try (var listed = Files.list(source.home().resolve("data/backups"))) {
            files = listed.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(2, files.stream().filter(f -> f.startsWith("stoa-scheduled-backup-")).count(), files.toString());
        assertTrue(files.contains(backup.getFileName().toString()), "a backup taken by hand is never deleted: " + files);
        for (String f : files) {
            List<String> lines = lines(source.home().resolve("data/backups").resolve(f));
            assertTrue(lines.get(lines.size() - 1).startsWith("end "), f + " is a whole backup");
        }
    }

    /** Tables the servers write for themselves, rewritten after the restart. */
    private static final List<String> SERVER_STATE = List.of("connection_counts", "user_sockets", "cluster_messages",
            "connection_control_reports", "hub_lock_holder", "hosts", "stoa_installation");

    /** The new payment's id: the sequences went on from where the backup left them. */
    private static String stoaAdd(StoaInstance stoa) throws Exception {
        StoaInstance.Result added = stoa.stoa("payment:add", ALICE, "5");
        assertEquals(0, added.exit(), added.output());
        return added.output().replaceAll("(?s)^Payment (\\d+) .*", "$1");
    }

    private static List<String> lines(Path file) throws Exception {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            return new ArrayList<>(in.lines().toList());
        }
    }

    /** Each table's rows as the file holds them (COPY's text format). */
    private static Map<String, List<String>> tables(Path file) throws Exception {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> rows = null;
        for (String line : lines(file)) {
            if (line.startsWith("table ")) {
                rows = new ArrayList<>();
                tables.put(line.split(" ")[1], rows);
            } else if (line.startsWith("\\. ")) {
                rows = null;
            } else if (rows != null) {
                rows.add(line);
            }
        }
        return tables;
    }
}
