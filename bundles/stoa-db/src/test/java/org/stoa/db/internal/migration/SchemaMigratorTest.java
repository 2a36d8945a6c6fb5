package org.stoa.db.internal.migration;

import org.stoa.db.testing.FolderFiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stoa.db.MigrationStatus;
import org.stoa.db.ModuleStatus;
import org.stoa.db.testing.TestPostgres;

class SchemaMigratorTest {

    @TempDir
    Path module;

    private String url;

    @BeforeEach
    void freshDatabase() throws IOException {
        url = TestPostgres.newDatabase();
        Files.createDirectories(module.resolve("db"));
    }

    @Test
    void numberedMigrationsApplyInOrderAndAreRecorded() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int PRIMARY KEY, text text);");
        write("02_up_first_note.sql", "INSERT INTO note VALUES (1, 'a; b');\nINSERT INTO note VALUES (2, $$c;\nd$$);");

        assertEquals(List.of("01_notes", "02_first_note"), migrate());

        assertEquals(2, count("SELECT count(*) FROM note"));
        ModuleStatus status = status();
        assertEquals(List.of("01_notes", "02_first_note"), status.migrations().stream().map(MigrationStatus::id).toList());
        assertTrue(status.migrations().stream().allMatch(MigrationStatus::applied));
        assertEquals(0, status.pending());
        assertEquals("02_first_note", status.version().orElseThrow());
    }

    @Test
    void aSecondRunAppliesNothing() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        migrate();

        assertEquals(List.of(), migrate());
    }

    @Test
    void aNewMigrationIsPendingThenAppliedAlone() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        migrate();
        write("02_up_more.sql", "ALTER TABLE note ADD COLUMN text text;");

        ModuleStatus before = status();
        assertEquals(1, before.pending());
        assertFalse(before.migrations().get(1).applied());
        assertEquals(List.of("02_more"), migrate());
    }

    @Test
    void aDatabaseNewerThanTheCodeIsRefused() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        write("02_up_more.sql", "ALTER TABLE note ADD COLUMN text text;");
        migrate();
        Files.delete(module.resolve("db/02_up_more.sql"));

        MigrationException refused = assertThrows(MigrationException.class, this::migrate);

        assertTrue(refused.getMessage().contains("schema downgrades are not supported"), refused.getMessage());
        assertTrue(refused.getMessage().contains("02_more"), refused.getMessage());
        assertEquals(List.of("02_more"), status().unknown());
        assertTrue(status().problem().isPresent());
    }

    @Test
    void anEditedMigrationIsRefusedNamingItsFile() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        migrate();
        write("01_up_notes.sql", "CREATE TABLE note (id bigint);");

        MigrationException refused = assertThrows(MigrationException.class, this::migrate);

        assertTrue(refused.getMessage().contains("migration file mod/db/01_up_notes.sql"), refused.getMessage());
        assertTrue(refused.getMessage().contains("was changed after it was applied"), refused.getMessage());
    }

    @Test
    void aFailingMigrationRollsBackCompletelyAndNamesFileAndStatement() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        write("02_up_broken.sql", "CREATE TABLE extra (id int);\nINSERT INTO missing_table VALUES (1);");

        MigrationException failed = assertThrows(MigrationException.class, this::migrate);

        String message = failed.getMessage();
        assertTrue(message.contains("mod/db/02_up_broken.sql"), message);
        assertTrue(message.contains("relation \"missing_table\" does not exist"), message);
        assertTrue(message.contains("INSERT INTO missing_table VALUES (1)"), message);
        assertEquals(0, count("SELECT count(*) FROM pg_tables WHERE tablename = 'extra'"));
        assertEquals(1, count("SELECT count(*) FROM pg_tables WHERE tablename = 'note'"));
        assertEquals(1, status().pending());
    }

    @Test
    void aFileThatIsNoMigrationIsRefused() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        write("notes.sql", "DROP TABLE note;");

        MigrationException refused = assertThrows(MigrationException.class, this::migrate);

        assertTrue(refused.getMessage().contains("unexpected file db/notes.sql"), refused.getMessage());
        assertEquals(0, count("SELECT count(*) FROM pg_tables WHERE tablename = 'note'"));
    }

    @Test
    void aDownMigrationWithoutItsUpIsRefused() throws Exception {
        write("01_down_notes.sql", "DROP TABLE note;");

        MigrationException refused = assertThrows(MigrationException.class, this::migrate);

        assertTrue(refused.getMessage().contains("01_down_notes.sql has no matching up migration"), refused.getMessage());
    }

    @Test
    void aLiquibaseChangelogIsAppliedLikeNumberedFiles() throws Exception {
        Files.writeString(module.resolve("db/changelog.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                      http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                  <changeSet id="1" author="me">
                    <createTable tableName="thing"><column name="id" type="int"/></createTable>
                  </changeSet>
                  <changeSet id="2" author="me">
                    <sql>INSERT INTO thing VALUES (7)</sql>
                  </changeSet>
                </databaseChangeLog>
                """);
        SchemaMigrator migrator = new SchemaMigrator(new MigrationDeclaration("mod", "db/changelog.xml"),
                new FolderFiles(module));

        try (Connection c = TestPostgres.connect(url)) {
            SchemaMigrator.Migrated migrated = migrator.migrate(c);
            assertEquals(List.of("1", "2"), migrated.applied());
            assertEquals("2", migrated.version());
            assertEquals(0, migrator.status(c).pending());
        }
        assertEquals(7, count("SELECT id FROM thing"));
    }

    @Test
    void twoNodesMigratingTogetherApplyEachMigrationOnce() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        write("02_up_slow.sql", "SELECT pg_sleep(0.5);\nINSERT INTO note VALUES (1);");
        Callable<List<String>> node = this::migrate;
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> a = nodes.submit(node);
            Future<List<String>> b = nodes.submit(node);
            List<String> applied = new ArrayList<>(a.get());
            applied.addAll(b.get());

            assertEquals(List.of("01_notes", "02_slow"), applied.stream().sorted().toList());
        } finally {
            nodes.shutdown();
        }
        assertEquals(1, count("SELECT count(*) FROM note"));
    }

    @Test
    void aLockLeftByANodeKilledDuringItsMigrationIsClearedAndTheNextStartMigrates() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        migrate();
        // What kill -9 during a migration leaves behind: Liquibase's lock row, set, with no one holding it.
        count("WITH held AS (UPDATE databasechangeloglock SET locked = true, lockgranted = now(), "
                + "lockedby = 'killed-node' WHERE id = 1 RETURNING 1) SELECT count(*) FROM held");
        write("02_up_more.sql", "INSERT INTO note VALUES (1);");

        // Without clearing, Liquibase waits 5 minutes for the lock and then fails.
        List<String> applied = assertTimeoutPreemptively(Duration.ofSeconds(60), this::migrate);

        assertEquals(List.of("02_more"), applied);
        assertEquals(1, count("SELECT count(*) FROM note"));
        assertEquals(0, count("SELECT count(*) FROM databasechangeloglock WHERE locked"));
    }

    @Test
    void aNodeStillMigratingKeepsItsLockAndTheOtherWaitsForIt() throws Exception {
        write("01_up_notes.sql", "CREATE TABLE note (id int);");
        write("02_up_slow.sql", "SELECT pg_sleep(2);\nINSERT INTO note VALUES (1);");
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<List<String>> first = nodes.submit(this::migrate);
            waitUntil("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(2)%'");
            Future<List<String>> second = nodes.submit(this::migrate);

            assertEquals(List.of("01_notes", "02_slow"), first.get());
            assertEquals(List.of(), second.get());
        } finally {
            nodes.shutdown();
        }
        assertEquals(1, count("SELECT count(*) FROM note"));
    }

    private void waitUntil(String countQuery) throws Exception {
        for (int i = 0; i < 200 && count(countQuery) == 0; i++) {
            Thread.sleep(25);
        }
    }

    private List<String> migrate() throws Exception {
        try (Connection c = TestPostgres.connect(url)) {
            return new SchemaMigrator(new MigrationDeclaration("mod", "db"), new FolderFiles(module)).migrate(c).applied();
        }
    }

    private ModuleStatus status() throws SQLException {
        try (Connection c = TestPostgres.connect(url)) {
            return new SchemaMigrator(new MigrationDeclaration("mod", "db"), new FolderFiles(module)).status(c);
        }
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(module.resolve("db").resolve(name), sql);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = TestPostgres.connect(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
