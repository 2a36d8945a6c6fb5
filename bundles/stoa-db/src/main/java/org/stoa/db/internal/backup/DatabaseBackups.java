package org.stoa.db.internal.backup;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.stoa.db.Database;
import org.stoa.db.DatabaseUnavailableException;
import org.stoa.db.Migrations;
import org.stoa.db.MigrationStatus;
import org.stoa.db.ModuleStatus;
import org.stoa.db.Transactions;

/**
 * db:backup and db:restore. A backup is one REPEATABLE READ snapshot of every table, read with
 * COPY through the driver (no pg_dump needed), so writes going on meanwhile neither wait for it
 * nor tear it. A restore checks the whole file and the schema versions first, then loads in one
 * transaction: it takes effect entirely or not at all.
 */
@Component(service = DatabaseBackups.class)
public class DatabaseBackups {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final String MIGRATION_HISTORY = "databasechangelog";
    /** More rows than any migration seeds: such a table holds what users stored, no need to compare. */
    private static final int SEEDED_ROWS_AT_MOST = 10_000;

    private final Database database;
    private final Migrations migrations;
    private final Clock clock;

    @Activate
    public DatabaseBackups(@Reference Database database, @Reference Migrations migrations) {
        this(database, migrations, Clock.systemUTC());
    }

    DatabaseBackups(Database database, Migrations migrations, Clock clock) {
        this.database = database;
        this.migrations = migrations;
        this.clock = clock;
    }

    /** What a backup holds, as db:backup reports it. */
    public record Summary(Path file, long bytes, int tables, long rows, Map<String, String> versions) {
    }

    /** A refusal an operator can act on: one line, nothing changed. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** data/backups under Karaf's data folder, where backups go unless told otherwise. */
    public static Path defaultFolder() {
        return Path.of(System.getProperty("karaf.data", "data"), "backups");
    }

    /** The default file for a backup taken now: {@code FOLDER/stoa-backup-2026-12-02T140000Z.gz}. */
    public Path defaultFile(Path folder) {
        return named(folder, "stoa-backup-");
    }

    /** {@code FOLDER/PREFIX2026-12-02T140000Z.gz}: names that sort by time. */
    Path named(Path folder, String prefix) {
        return folder.resolve(prefix + FILE_TIME.format(clock.instant()) + ".gz");
    }

    /** Writes a backup of the whole database to {@code file} (beside it first, then moved in place). */
    public Summary backup(Path file) throws Refused {
        Map<String, List<String>> modules = appliedMigrations();
        try (Connection c = database.connect()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            // One snapshot for every table: concurrent writers neither wait for it nor show through.
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                return writeFile(c, modules, file);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        } catch (DatabaseUnavailableException e) {
            throw new Refused(e.getMessage());
        } catch (SQLException e) {
            throw new Refused("backup failed: " + Transactions.message(e));
        }
    }

    /** Writes what {@code c}'s transaction sees to {@code file}: beside it, synced, then moved in place. */
    private Summary writeFile(Connection c, Map<String, List<String>> modules, Path file) throws Refused, SQLException {
        if (Files.exists(file)) {
            throw new Refused(file + " exists already: name another file (a backup never overwrites one)");
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Counts counts;
            try (OutputStream out = BackupFile.compressed(new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16))) {
                counts = write(c, modules, out);
            }
            try (var channel = java.nio.channels.FileChannel.open(partial, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            move(partial, file);
            Map<String, String> versions = new LinkedHashMap<>();
            modules.forEach((module, ids) -> versions.put(module, ids.isEmpty() ? "-" : ids.get(ids.size() - 1)));
            return new Summary(file, Files.size(file), counts.tables, counts.rows, versions);
        } catch (IOException | UncheckedIOException e) {
            throw new Refused("cannot write " + file + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // the outcome stands; a stray .partial file says what it is
            }
        }
    }

    private record Counts(int tables, long rows) {
    }

    private Counts write(Connection c, Map<String, List<String>> modules, OutputStream out) throws SQLException, IOException {
        line(out, BackupFile.MAGIC);
        line(out, "taken " + clock.instant().truncatedTo(ChronoUnit.SECONDS));
        for (var module : modules.entrySet()) {
            line(out, "module " + module.getKey() + (module.getValue().isEmpty() ? "" : " " + String.join(" ", module.getValue())));
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        List<String> tables = Catalog.tablesInLoadOrder(c);
        long rows = 0;
        for (String table : tables) {
            List<String> columns = Catalog.columns(c, table);
            line(out, "table " + table + " " + String.join("\t", columns));
            LineCount counted = new LineCount(out);
            copy.copyOut(Catalog.copyOut(c, table, columns), counted);
            line(out, "\\. " + counted.lines);
            rows += counted.lines;
        }
        for (String sequence : Catalog.sequences(c)) {
            BackupFile.Sequence s = Catalog.sequence(c, sequence);
            line(out, "sequence " + s.name() + " " + s.value() + " " + s.called());
        }
        line(out, "end " + tables.size() + " " + rows);
        return new Counts(tables.size(), rows);
    }

    /** Counts the rows COPY writes (one a line: its text format escapes newlines in values). */
    private static final class LineCount extends FilterOutputStream {
        long lines;

        LineCount(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '\n') {
                lines++;
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
            out.write(b, off, len);
        }

        @Override
        public void close() {
            // COPY closes nothing it did not open; the backup file stays open for the next table
        }
    }

    private static void line(OutputStream out, String text) throws IOException {
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Applied migration ids per module, in order. */
    private Map<String, List<String>> appliedMigrations() throws Refused {
        Map<String, List<String>> modules = new LinkedHashMap<>();
        try {
            for (ModuleStatus module : migrations.status()) {
                modules.put(module.module(), module.migrations().stream().filter(MigrationStatus::applied)
                        .map(MigrationStatus::id).toList());
            }
        } catch (DatabaseUnavailableException e) {
            throw new Refused(e.getMessage());
        }
        return modules;
    }

    /** What a restore loaded, and where what the database held before it is kept. */
    public record Restored(Path file, String taken, int tables, long rows, Path before) {
    }

    /**
     * Loads {@code file} into this database, which must hold no data of its own (see
     * {@link #heldData}) and be at the very schema versions the backup was taken at.
     */
    public Restored restore(Path file) throws Refused {
        BackupFile.Contents contents;
        try {
            contents = BackupFile.check(file);
        } catch (BackupFile.Unreadable e) {
            throw new Refused("cannot restore " + file + ": " + e.getMessage() + "; nothing was changed");
        }
        // Read before the restore locks the tables: the migration status reads the history table on a connection of its own.
        Map<String, List<String>> modules = checkVersions(contents);
        Path before;
        try (Connection c = database.connect()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                before = load(c, file, contents, modules);
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (Refused e) {
            throw e;
        } catch (DatabaseUnavailableException e) {
            throw new Refused(e.getMessage());
        } catch (SQLException e) {
            throw new Refused("restore failed, nothing was changed: " + Transactions.message(e));
        } catch (Exception e) {
            throw new Refused("restore failed, nothing was changed: " + e.getMessage());
        }
        return new Restored(file, contents.taken(), contents.tables().size(), contents.rows(), before);
    }

    /** The backup must be at exactly the versions the database is at: newer is unknown, older would load into the wrong shape. */
    private Map<String, List<String>> checkVersions(BackupFile.Contents contents) throws Refused {
        Map<String, List<String>> here = appliedMigrations();
        Map<String, Set<String>> known = new LinkedHashMap<>();
        try {
            for (ModuleStatus module : migrations.status()) {
                Set<String> ids = new HashSet<>();
                module.migrations().forEach(m -> ids.add(m.id()));
                known.put(module.module(), ids);
            }
        } catch (DatabaseUnavailableException e) {
            throw new Refused(e.getMessage());
        }
        for (var module : contents.modules().entrySet()) {
            Set<String> codeKnows = known.getOrDefault(module.getKey(), Set.of());
            for (String id : module.getValue()) {
                if (!codeKnows.contains(id)) {
                    throw new Refused("the backup is from a newer schema than this code knows (" + module.getKey() + " "
                            + id + "): restore it with the release that took it; nothing was changed");
                }
            }
        }
        for (String module : union(here.keySet(), contents.modules().keySet())) {
            List<String> backup = contents.modules().getOrDefault(module, List.of());
            List<String> database = here.getOrDefault(module, List.of());
            if (!backup.equals(database)) {
                throw new Refused("the backup's schema differs from this database's: " + module + " is at "
                        + last(backup) + " in the backup, " + last(database) + " here; restore with the release that "
                        + "took it (then upgrade), with the same modules installed; nothing was changed");
            }
        }
        return here;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String last(List<String> ids) {
        return ids.isEmpty() ? "(not installed)" : ids.get(ids.size() - 1);
    }

    /** Loads the backup on {@code c}'s transaction; the copy of what was there before. */
    private Path load(Connection c, Path file, BackupFile.Contents contents, Map<String, List<String>> modules)
            throws Exception {
        List<String> tables = contents.tables().stream().map(BackupFile.Table::name).toList();
        List<String> here = Catalog.tablesInLoadOrder(c);
        for (String table : tables) {
            // Its name is placed in statements below: it must be one of this database's tables.
            if (!here.contains(table)) {
                throw new Refused("the backup holds table " + table + ", which this database does not have; nothing was changed");
            }
        }
        try (var s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '60s'");
            // Waits for the server's own writers, and keeps them out until the restore commits.
            s.execute("LOCK TABLE " + String.join(", ", tables) + " IN ACCESS EXCLUSIVE MODE");
        }
        List<String> held = heldData(c, file, tables);
        if (!held.isEmpty()) {
            throw new Refused("the database already holds data (" + String.join(", ", held) + "): restore into the "
                    + "empty database of a new installation; nothing was changed");
        }
        // What the server wrote for itself is replaced; a copy of it is kept all the same.
        Path before = writeFile(c, modules, named(defaultFolder(), "before-restore-")).file();
        try (var s = c.createStatement()) {
            s.execute("TRUNCATE " + String.join(", ", tables));
            for (String table : tables) {
                // The backup holds the audit rows and price history its triggers once wrote; firing them again would add more.
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            }
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        CopyIn[] open = new CopyIn[1];
        BackupFile.read(file, new BackupFile.Rows() {
            @Override
            public void start(String table, List<String> columns) throws Exception {
                finish(open[0]);
                open[0] = copy.copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
            }

            @Override
            public void batch(List<String> rows) throws Exception {
                StringBuilder text = new StringBuilder();
                rows.forEach(row -> text.append(row).append('\n'));
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                open[0].writeToCopy(bytes, 0, bytes.length);
            }
        });
        finish(open[0]);
        for (BackupFile.Sequence sequence : contents.sequences()) {
            Catalog.setSequence(c, sequence);
        }
        try (var s = c.createStatement()) {
            for (String table : tables) {
                s.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
            }
        }
        return before;
    }

    private static void finish(CopyIn copy) throws SQLException {
        if (copy != null && copy.isActive()) {
            copy.endCopy();
        }
    }

    /**
     * The tables that hold rows a user stored, as "name (N rows not in the backup)". Not counted:
     * what the server writes for itself (tables whose comment holds {@code stoa:server-state}),
     * the migration history (the versions were compared already), and rows the backup holds
     * too (what the migrations seeded, e.g. the VM sizes).
     */
    static List<String> heldData(Connection c, Path file, List<String> tables) throws Exception {
        Map<String, Set<String>> unmatched = new LinkedHashMap<>();
        List<String> held = new ArrayList<>();
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (String table : tables) {
            if (table.equals(MIGRATION_HISTORY) || Catalog.isServerState(c, table)) {
                continue;
            }
            long rows = org.stoa.db.Jdbc.one(c, "SELECT count(*) FROM " + table, row -> row.getLong(1)).orElse(0L);
            if (rows > SEEDED_ROWS_AT_MOST) {
                held.add(table + " (" + rows + " rows)");
            } else if (rows > 0) {
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
                copy.copyOut(Catalog.copyOut(c, table, Catalog.columns(c, table)), out);
                unmatched.put(table, new HashSet<>(out.toString(StandardCharsets.UTF_8).lines().toList()));
            }
        }
        if (!unmatched.isEmpty()) {
            String[] current = new String[1];
            BackupFile.read(file, new BackupFile.Rows() {
                @Override
                public void start(String table, List<String> columns) {
                    current[0] = table;
                }

                @Override
                public void batch(List<String> rows) {
                    Set<String> left = unmatched.get(current[0]);
                    if (left != null) {
                        rows.forEach(left::remove);
                    }
                }
            });
            unmatched.forEach((table, left) -> {
                if (!left.isEmpty()) {
                    held.add(table + " (" + left.size() + " rows not in the backup)");
                }
            });
        }
        return held;
    }
}
