package org.stoa.db.internal.backup;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.stoa.shell.CallerFiles;

/**
 * The backup file: gzip of a line format that states what it holds before and after the rows,
 * so a reader can tell a whole file from a cut or damaged one.
 *
 * <pre>
 * STOA-BACKUP 1
 * taken 2026-12-02T14:00:00Z
 * module stoa-payments 01_payments 02_price_history_to_hub      (applied migrations, in order)
 * table payments id	created	email	dollars	invalidated     (quoted names, tab-separated)
 * ...rows in COPY's text format, one a line...
 * \. 5                                                            (end of table: its row count)
 * sequence payments_id_seq 5 true
 * end 37 1234                                                     (tables, rows)
 * </pre>
 *
 * Tables come in an order that loads without breaking a foreign key (referenced ones first).
 */
final class BackupFile {

    static final String MAGIC = "STOA-BACKUP 1";

    private BackupFile() {
    }

    /** A gzip stream at the best compression: backups are written rarely and kept long. */
    static OutputStream compressed(OutputStream out) throws IOException {
        return new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        };
    }

    /** What a backup holds, read and checked from its first byte to its last. */
    record Contents(String taken, Map<String, List<String>> modules, List<Table> tables, List<Sequence> sequences,
            long rows) {
    }

    record Table(String name, List<String> columns, long rows) {
    }

    record Sequence(String name, long value, boolean called) {
    }

    /** A file that is not a whole Stoa backup; the message says why in one line. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    /** Receives each table's rows while the file is read; see {@link #read}. */
    interface Rows {
        /** A table's section begins. */
        void start(String table, List<String> columns) throws Exception;

        /** The next of its rows, in COPY's text format. */
        void batch(List<String> rows) throws Exception;
    }

    /** Reads and checks the whole file without keeping its rows. */
    static Contents check(Path file) throws Unreadable {
        try {
            return read(file, null);
        } catch (Unreadable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreadable(CallerFiles.reason(e));
        } catch (Exception e) {
            throw new Unreadable(e.getMessage());
        }
    }

    /** Reads and checks the file, handing each table's rows to {@code rows} (when given) in batches. */
    static Contents read(Path file, Rows rows) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            return new Parser(lines, rows).parse();
        } catch (EOFException e) {
            throw new Unreadable("the file is cut short (truncated)");
        } catch (ZipException e) {
            throw new Unreadable("the file is damaged or not gzip (" + e.getMessage() + ")");
        }
    }

    private static final class Parser {
        private static final int BATCH = 2000;
        private final BufferedReader lines;
        private final Rows rows;
        private int lineNumber;

        Parser(BufferedReader lines, Rows rows) {
            this.lines = lines;
            this.rows = rows;
        }

        Contents parse() throws Exception {
            if (!MAGIC.equals(next())) {
                throw new Unreadable("not a Stoa backup (it does not start with " + MAGIC + ")");
            }
            String taken = value(next(), "taken ");
            Map<String, List<String>> modules = new LinkedHashMap<>();
            List<Table> tables = new ArrayList<>();
            List<Sequence> sequences = new ArrayList<>();
            long total = 0;
            String line = next();
            while (line.startsWith("module ")) {
                String[] words = line.substring("module ".length()).split(" ");
                modules.put(words[0], List.of(words).subList(1, words.length));
                line = next();
            }
            while (line.startsWith("table ")) {
                String[] header = line.substring("table ".length()).split(" ", 2);
                Table table = table(header[0], header.length > 1 ? List.of(header[1].split("\t")) : List.of());
                tables.add(table);
                total += table.rows();
                line = next();
            }
            while (line.startsWith("sequence ")) {
                String[] words = line.split(" ");
                if (words.length != 4) {
                    throw damaged();
                }
                sequences.add(new Sequence(words[1], number(words[2]), Boolean.parseBoolean(words[3])));
                line = next();
            }
            String[] end = value(line, "end ").split(" ");
            if (end.length != 2 || number(end[0]) != tables.size() || number(end[1]) != total) {
                throw new Unreadable("the file's end line does not match its contents (line " + lineNumber + ")");
            }
            if (lines.readLine() != null) {
                throw new Unreadable("the file goes on after its end line (line " + (lineNumber + 1) + ")");
            }
            return new Contents(taken, modules, tables, sequences, total);
        }

        private Table table(String name, List<String> columns) throws Exception {
            if (rows != null) {
                rows.start(name, columns);
            }
            List<String> batch = new ArrayList<>();
            long count = 0;
            String line;
            while (!(line = next()).startsWith("\\. ")) {
                count++;
                if (rows != null) {
                    batch.add(line);
                    if (batch.size() == BATCH) {
                        rows.batch(batch);
                        batch = new ArrayList<>();
                    }
                }
            }
            if (number(line.substring(3)) != count) {
                throw new Unreadable("table " + name + " holds " + count + " rows, its end line says "
                        + line.substring(3) + " (line " + lineNumber + ")");
            }
            if (rows != null && !batch.isEmpty()) {
                rows.batch(batch);
            }
            return new Table(name, columns, count);
        }

        private String next() throws IOException, Unreadable {
            String line = lines.readLine();
            lineNumber++;
            if (line == null) {
                throw new Unreadable("the file is cut short (truncated at line " + lineNumber + ")");
            }
            return line;
        }

        private String value(String line, String prefix) throws Unreadable {
            if (!line.startsWith(prefix)) {
                throw damaged();
            }
            return line.substring(prefix.length());
        }

        private long number(String text) throws Unreadable {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw damaged();
            }
        }

        private Unreadable damaged() {
            return new Unreadable("the file is damaged (line " + lineNumber + " is not what a backup holds there)");
        }
    }
}
