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

    private static final String UNDEFINED_TABLE = "42P01";

    private HistoryTable() {
    }

    static List<RanChangeSet> read(Connection connection) throws SQLException {
        List<RanChangeSet> ran = new ArrayList<>();
        // A savepoint keeps a missing table from aborting the caller's transaction.
        boolean autoCommit = connection.getAutoCommit();
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
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            if (!autoCommit) {
                connection.rollback();
            }
        }
        return ran;
    }
}
