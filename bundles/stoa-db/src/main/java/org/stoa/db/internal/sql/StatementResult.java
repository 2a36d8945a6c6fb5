package org.stoa.db.internal.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one statement of a script returned, as plain data that outlives the connection.
 *
 * <p>Values in {@link Rows} are {@code null}, {@link Boolean}, {@link Number}, {@link String},
 * {@link java.time.LocalDate}, {@link java.time.LocalTime}, {@link java.time.LocalDateTime},
 * {@link java.time.OffsetDateTime} (or another {@link java.time.temporal.Temporal}), {@code byte[]}
 * or a {@link List} of these (an SQL array). Types without a faithful Java form (json, uuid,
 * interval, ...) are the server's text for them; {@code 'infinity'} timestamps and dates are
 * the strings {@code infinity} and {@code -infinity}.
 */
public sealed interface StatementResult {

    /** The 1-based number of the statement in its script. */
    int statement();

    /** A result set: column labels and rows of values in column order. */
    record Rows(int statement, List<String> columns, List<List<Object>> rows) implements StatementResult {
        public Rows {
            columns = List.copyOf(columns);
            rows = rows.stream().map(Rows::frozen).toList();
        }

        // SQL NULL is a null element, which List.copyOf refuses.
        private static List<Object> frozen(List<Object> row) {
            return Collections.unmodifiableList(new ArrayList<>(row));
        }
    }

    /** A statement without a result set: how many rows it changed (0 for DDL). */
    record UpdateCount(int statement, long count) implements StatementResult {
    }
}
