package org.stoa.db.internal.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import liquibase.change.CheckSum;
import liquibase.changelog.RanChangeSet;

import org.stoa.db.Jdbc;

/**
 * Reads Liquibase's history table without Liquibase, so a status query neither creates it
 * nor waits on the migration lock.
 */
final class HistoryTable {

    private HistoryTable() {
    }

    static List<RanChangeSet> read(Connection connection) throws SQLException {
        if (!exists(connection)) {
            return new ArrayList<>();
        }
        return Jdbc.list(connection,
                "SELECT id, author, filename, md5sum, dateexecuted FROM databasechangelog ORDER BY orderexecuted",
                HistoryTable::ranChangeSet);
    }

    private static RanChangeSet ranChangeSet(ResultSet row) throws SQLException {
        RanChangeSet r = new RanChangeSet();
        r.setId(row.getString(1));
        r.setAuthor(row.getString(2));
        r.setChangeLog(row.getString(3));
        String md5 = row.getString(4);
        r.setLastCheckSum(md5 == null ? null : CheckSum.parse(md5));
        r.setDateExecuted(row.getTimestamp(5));
        return r;
    }

    /** Before the first migration there is no history table: asking first keeps errors out of the server log. */
    private static boolean exists(Connection connection) throws SQLException {
        return Jdbc.one(connection, "SELECT to_regclass('databasechangelog') IS NOT NULL", row -> row.getBoolean(1))
                .orElse(false);
    }
}
