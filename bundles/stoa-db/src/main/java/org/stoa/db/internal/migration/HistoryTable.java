package org.stoa.db.internal.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import liquibase.change.CheckSum;
import liquibase.changelog.RanChangeSet;

/**
 * Reads Liquibase's history table without Liquibase, so a status query neither creates it
 * nor waits on the migration lock.
 */
final class HistoryTable {

    private HistoryTable() {
    }

    static List<RanChangeSet> read(Connection connection) throws SQLException {
        List<RanChangeSet> ran = new ArrayList<>();
        if (!exists(connection)) {
            return ran;
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, author, filename, md5sum, dateexecuted FROM databasechangelog ORDER BY orderexecuted");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                RanChangeSet r = new RanChangeSet();
                r.setId(rows.getString(1));
                r.setAuthor(rows.getString(2));
                r.setChangeLog(rows.getString(3));
                String md5 = rows.getString(4);
                r.setLastCheckSum(md5 == null ? null : CheckSum.parse(md5));
                r.setDateExecuted(rows.getTimestamp(5));
                ran.add(r);
            }
        }
        return ran;
    }

    /** Before the first migration there is no history table: asking first keeps errors out of the server log. */
    private static boolean exists(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass('databasechangelog') IS NOT NULL");
             ResultSet row = query.executeQuery()) {
            return row.next() && row.getBoolean(1);
        }
    }
}
