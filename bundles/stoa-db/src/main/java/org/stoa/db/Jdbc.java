package org.stoa.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The statements every repository runs — a list, at most one row, an update, a batch — written once: the
 * statement is prepared, its arguments bound in order, its rows read with a {@link RowMapper}
 * and everything closed. Repositories keep their SQL; this keeps the plumbing out of it.
 *
 * <p>Arguments bind as the driver binds them with {@code setObject}, except: {@link Instant}
 * binds as a {@code timestamptz}, an {@link Enum} as its name, and {@code null} as an untyped
 * NULL the server infers from the statement.
 */
public final class Jdbc {

    /** Reads the current row of a result set into a value. */
    @ConsumerType
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /** Every row the query returns, in its order. */
    public static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... arguments)
            throws SQLException {
        try (PreparedStatement s = prepare(c, sql, arguments); ResultSet r = s.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(mapper.map(r));
            }
            return rows;
        }
    }

    /** The query's first row, or empty when it returns none. */
    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... arguments)
            throws SQLException {
        try (PreparedStatement s = prepare(c, sql, arguments); ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.ofNullable(mapper.map(r)) : Optional.empty();
        }
    }

    /** Runs an INSERT, UPDATE or DELETE (or any statement without rows); the number of rows it changed. */
    public static int update(Connection c, String sql, Object... arguments) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, arguments)) {
            return s.executeUpdate();
        }
    }

    /**
     * Runs one statement once for each row of arguments, sent to the server together; the
     * number of rows each run changed, in the order of {@code rows}.
     */
    public static int[] batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Object[] arguments : rows) {
                bindAll(s, arguments);
                s.addBatch();
            }
            return s.executeBatch();
        }
    }

    /** A timestamptz column as an instant, or null when it is NULL. */
    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The statement with its arguments bound, for the rare caller that needs the statement itself. */
    public static PreparedStatement prepare(Connection c, String sql, Object... arguments) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            bindAll(s, arguments);
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private static void bindAll(PreparedStatement s, Object[] arguments) throws SQLException {
        for (int i = 0; i < arguments.length; i++) {
            bind(s, i + 1, arguments[i]);
        }
    }

    private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            s.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else if (value instanceof Enum<?> constant) {
            s.setString(index, constant.name());
        } else {
            s.setObject(index, value);
        }
    }
}
