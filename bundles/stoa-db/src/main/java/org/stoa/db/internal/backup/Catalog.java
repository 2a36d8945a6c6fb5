package org.stoa.db.internal.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stoa.db.Jdbc;

/** What the backup reads of the database's own catalog: its tables, their columns, their order, its sequences. */
final class Catalog {

    /** Liquibase's lock is held while migrating, never data; restoring it could leave a lock nobody holds. */
    private static final String MIGRATION_LOCK = "databasechangeloglock";

    private Catalog() {
    }

    /** Every table of the schema (quoted names), each after the tables its foreign keys reference. */
    static List<String> tablesInLoadOrder(Connection c) throws SQLException {
        List<String> tables = Jdbc.list(c, "SELECT quote_ident(relname) FROM pg_class "
                + "WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p') AND relname <> ? "
                + "ORDER BY relname", row -> row.getString(1), MIGRATION_LOCK);
        Map<String, Set<String>> references = new HashMap<>();
        for (String[] edge : Jdbc.list(c, "SELECT quote_ident(f.relname), quote_ident(t.relname) FROM pg_constraint k "
                + "JOIN pg_class f ON f.oid = k.conrelid JOIN pg_class t ON t.oid = k.confrelid "
                + "WHERE k.contype = 'f' AND f.relnamespace = current_schema()::regnamespace AND k.conrelid <> k.confrelid",
                row -> new String[] {row.getString(1), row.getString(2)})) {
            references.computeIfAbsent(edge[0], t -> new LinkedHashSet<>()).add(edge[1]);
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String table : tables) {
            visit(table, references, ordered, new LinkedHashSet<>());
        }
        return new ArrayList<>(ordered);
    }

    private static void visit(String table, Map<String, Set<String>> references, Set<String> ordered, Set<String> path) {
        if (ordered.contains(table) || !path.add(table)) {
            return;
        }
        for (String referenced : references.getOrDefault(table, Set.of())) {
            visit(referenced, references, ordered, path);
        }
        ordered.add(table);
    }

    /** The table's stored columns (quoted), in order: generated ones are left to the database. */
    static List<String> columns(Connection c, String table) throws SQLException {
        return Jdbc.list(c, "SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = ?::regclass "
                + "AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
                row -> row.getString(1), table);
    }

    /**
     * What COPY reads a table with: its rows in primary-key order, so a row that references an
     * earlier one of its own table (an edited chat message names the one it replaces) loads after
     * it, and two backups of the same rows read the same.
     */
    static String copyOut(Connection c, String table, List<String> columns) throws SQLException {
        List<String> key = Jdbc.list(c, "SELECT quote_ident(a.attname) FROM pg_index i "
                + "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                + "WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY k.n", row -> row.getString(1), table);
        String select = "SELECT " + String.join(", ", columns) + " FROM " + table
                + (key.isEmpty() ? "" : " ORDER BY " + String.join(", ", key));
        return "COPY (" + select + ") TO STDOUT";
    }

    /** Every sequence of the schema (quoted names). */
    static List<String> sequences(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT quote_ident(relname) FROM pg_class "
                + "WHERE relnamespace = current_schema()::regnamespace AND relkind = 'S' ORDER BY relname",
                row -> row.getString(1));
    }

    /** A sequence's state, as {@code setval(name, value, called)} restores it. */
    static BackupFile.Sequence sequence(Connection c, String name) throws SQLException {
        // The name comes from quote_ident above, so it is safe to place in the statement.
        return Jdbc.one(c, "SELECT last_value, is_called FROM " + name,
                row -> new BackupFile.Sequence(name, row.getLong(1), row.getBoolean(2))).orElseThrow();
    }

    /** Whether the table's owner marked it as what the server writes for itself (COMMENT ... 'stoa:server-state ...'). */
    static boolean isServerState(Connection c, String table) throws SQLException {
        return Jdbc.one(c, "SELECT coalesce(obj_description(?::regclass, 'pg_class'), '') LIKE '%stoa:server-state%'",
                row -> row.getBoolean(1), table).orElse(false);
    }

    static void setSequence(Connection c, BackupFile.Sequence sequence) throws SQLException {
        Jdbc.one(c, "SELECT setval(?::regclass, ?, ?)", row -> null, sequence.name(), sequence.value(), sequence.called());
    }
}
