package org.stoa.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Function;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs a module's work in one database transaction: all of it commits, or none of it. A
 * database failure reaches the caller as the module's own one-line error, made by {@code failure}
 * from "database error: ..." — never as a stack trace.
 *
 * @param <E> the module's error type (what its commands and resources turn into a message)
 */
public final class Transactions<E extends Exception> {

    /** Work on one connection, free to refuse with the module's error. */
    @ConsumerType
    public interface Work<T, E extends Exception> {
        T run(Connection c) throws SQLException, E;
    }

    private final DataSource database;
    private final Function<String, E> failure;

    public Transactions(DataSource database, Function<String, E> failure) {
        this.database = database;
        this.failure = failure;
    }

    public <T> T inTransaction(Work<T, E> work) throws E {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failure.apply(message(e));
        }
    }

    private static final String UNAVAILABLE = "database unavailable: ";
    private static final String ERROR = "database error: ";

    /**
     * The one line a database failure reaches users with, for work that recovers from a failed
     * statement inside the transaction (behind a savepoint) and reports it itself: "database
     * unavailable: ..." when the server cannot be reached (SQLSTATE class 08, or the pool gave up
     * waiting for a connection), else "database error: ...".
     */
    public static String message(SQLException e) {
        return (unreachable(e) ? UNAVAILABLE : ERROR) + firstLine(e.getMessage());
    }

    /**
     * Whether a module's error message is one this class made of a database failure, which an
     * API must not pass on: its text names tables, constraints and hosts. An operator reads it in
     * the log and in commands; a client gets a generic answer.
     */
    public static boolean isDatabaseFailure(String message) {
        return message != null && (message.startsWith(UNAVAILABLE) || message.startsWith(ERROR));
    }

    /** Whether such a message says the database cannot be reached (an API answers 503: try again). */
    public static boolean isDatabaseUnavailable(String message) {
        return message != null && message.startsWith(UNAVAILABLE);
    }

    private static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
