package org.stoa.db.internal.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading backup files: a whole one gives back what it holds; anything else is refused with a reason. */
class BackupFileTest {

    private static final String WHOLE = String.join("\n", BackupFile.MAGIC, "taken 2026-12-02T14:00:00Z",
            "module stoa-db 01_installation", "module stoa-payments 01_payments 02_price_history_to_hub",
            "table accounts email\tcreated", "alice@example.org\t2026-12-01 10:00:00+00", "bob@example.org\t\\N",
            "\\. 2", "table payments id\temail", "1\talice@example.org", "\\. 1",
            "sequence payments_id_seq 1 true", "end 2 3") + "\n";

    @TempDir
    Path folder;

    @Test
    void aWholeFileGivesBackItsModulesTablesRowsAndSequences() throws Exception {
        Path file = gzip(WHOLE);
        List<String> rows = new ArrayList<>();

        BackupFile.Contents contents = BackupFile.read(file, new BackupFile.Rows() {
            @Override
            public void start(String table, List<String> columns) {
                rows.add(table + " " + columns);
            }

            @Override
            public void batch(List<String> batch) {
                rows.addAll(batch);
            }
        });

        assertEquals("2026-12-02T14:00:00Z", contents.taken());
        assertEquals(Map.of("stoa-db", List.of("01_installation"), "stoa-payments",
                List.of("01_payments", "02_price_history_to_hub")), contents.modules());
        assertEquals(List.of("accounts [email, created]", "alice@example.org\t2026-12-01 10:00:00+00", "bob@example.org\t\\N",
                "payments [id, email]", "1\talice@example.org"), rows);
        assertEquals(List.of(new BackupFile.Sequence("payments_id_seq", 1, true)), contents.sequences());
        assertEquals(3, contents.rows());
    }

    @Test
    void aFileCutShortIsRefusedAsTruncated() throws Exception {
        byte[] whole = Files.readAllBytes(gzip(WHOLE));
        Path cut = folder.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 12));

        assertTrue(assertThrows(BackupFile.Unreadable.class, () -> BackupFile.check(cut)).getMessage()
                .startsWith("the file is cut short"));
    }

    @Test
    void aFileWithoutItsEndLineIsRefusedAsTruncated() throws Exception {
        Path file = gzip(WHOLE.substring(0, WHOLE.indexOf("sequence")));

        assertEquals("the file is cut short (truncated at line 12)",
                assertThrows(BackupFile.Unreadable.class, () -> BackupFile.check(file)).getMessage());
    }

    @Test
    void aTableWithMoreOrFewerRowsThanItsEndLineSaysIsRefused() throws Exception {
        Path file = gzip(WHOLE.replace("\\. 2", "\\. 3"));

        assertEquals("table accounts holds 2 rows, its end line says 3 (line 8)",
                assertThrows(BackupFile.Unreadable.class, () -> BackupFile.check(file)).getMessage());
    }

    @Test
    void somethingElseIsNotABackup() throws Exception {
        Path text = folder.resolve("notes.gz");
        Files.writeString(text, "just text");
        assertTrue(assertThrows(BackupFile.Unreadable.class, () -> BackupFile.check(text)).getMessage()
                .startsWith("the file is damaged or not gzip"));
        assertEquals("not a Stoa backup (it does not start with " + BackupFile.MAGIC + ")",
                assertThrows(BackupFile.Unreadable.class, () -> BackupFile.check(gzip("PGDMP\n"))).getMessage());
    }

    private Path gzip(String text) throws Exception {
        Path file = Files.createTempFile(folder, "backup", ".gz");
        try (OutputStream out = BackupFile.compressed(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
