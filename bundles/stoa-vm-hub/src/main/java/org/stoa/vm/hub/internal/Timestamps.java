package org.stoa.vm.hub.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Reads timestamptz columns as instants, the form every record of the API uses. */
final class Timestamps {

    private Timestamps() {
    }

    /** The column's instant, or null when the column is NULL. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
