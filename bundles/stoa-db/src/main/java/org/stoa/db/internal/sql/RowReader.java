package org.stoa.db.internal.sql;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a result set into plain values (see {@link StatementResult}) while the connection is open. */
final class RowReader {

    /** Types whose server text is the clearest form: the driver's objects for them print poorly or lossily. */
    private static final Set<String> SERVER_TEXT_TYPES = Set.of("timetz", "money", "interval");

    private RowReader() {
    }

    static StatementResult.Rows read(int statement, ResultSet resultSet) throws SQLException {
        ResultSetMetaData meta = resultSet.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
            columns.add(meta.getColumnLabel(column));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (resultSet.next()) {
            List<Object> row = new ArrayList<>();
            for (int column = 1; column <= columns.size(); column++) {
                row.add(value(resultSet, column, meta.getColumnType(column),
                        String.valueOf(meta.getColumnTypeName(column)).toLowerCase(Locale.ROOT)));
            }
            rows.add(row);
        }
        return new StatementResult.Rows(statement, columns, rows);
    }

    // java.time classes are asked for by type, so that no JVM time zone shifts a value.
    private static Object value(ResultSet resultSet, int column, int type, String typeName) throws SQLException {
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || typeName.equals("timestamptz")) {
            return infinityAware(resultSet.getObject(column, OffsetDateTime.class), OffsetDateTime.MAX, OffsetDateTime.MIN);
        }
        if (SERVER_TEXT_TYPES.contains(typeName)) {
            return resultSet.getString(column);
        }
        return switch (type) {
            case Types.TIMESTAMP -> infinityAware(resultSet.getObject(column, LocalDateTime.class), LocalDateTime.MAX, LocalDateTime.MIN);
            case Types.DATE -> infinityAware(resultSet.getObject(column, LocalDate.class), LocalDate.MAX, LocalDate.MIN);
            case Types.TIME -> resultSet.getObject(column, LocalTime.class);
            case Types.ARRAY -> array(resultSet.getArray(column));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> resultSet.getBytes(column);
            case Types.OTHER, Types.SQLXML, Types.CLOB, Types.STRUCT, Types.DISTINCT -> resultSet.getString(column);
            default -> normalise(resultSet.getObject(column));
        };
    }

    private static Object array(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        try {
            return normalise(array.getArray());
        } finally {
            array.free();
        }
    }

    // The driver reports PostgreSQL's 'infinity' as the type's extreme value.
    private static Object infinityAware(Object value, Object max, Object min) {
        if (max.equals(value)) {
            return "infinity";
        }
        return min.equals(value) ? "-infinity" : value;
    }

    /** A value as a driver's {@code getObject} returns it, turned into one of the plain types. */
    static Object normalise(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String
                || value instanceof byte[] || value instanceof Temporal) {
            return value;
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.sql.Time time) {
            return time.toLocalTime();
        }
        if (value instanceof Object[] elements) {
            return Arrays.stream(elements).map(RowReader::normalise).toList();
        }
        return String.valueOf(value);
    }
}
