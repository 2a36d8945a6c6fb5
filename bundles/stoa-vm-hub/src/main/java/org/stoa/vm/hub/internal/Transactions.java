package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.stoa.vm.hub.HubException;

/** Runs work in one database transaction: all of it commits, or none of it. */
final class Transactions {

    interface Work<T> {
        T run(Connection c) throws SQLException, HubException;
    }

    private final DataSource database;

    Transactions(DataSource database) {
        this.database = database;
    }

    <T> T inTransaction(Work<T> work) throws HubException {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | HubException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new HubException("database error: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
