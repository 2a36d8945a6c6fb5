package org.stoa.payments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.stoa.payments.Payment;

/** Reading this bundle's rows: timestamptz columns as instants, payments as records. */
final class Rows {

    static final String PAYMENT_COLUMNS = "id, created, email, dollars, invalidated";

    private Rows() {
    }

    /** The column's instant, or null when it is NULL. */
    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** An instant as a timestamptz parameter. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Payment payment(ResultSet row) throws SQLException {
        return new Payment(row.getLong("id"), instant(row, "created"), row.getString("email"),
                row.getBigDecimal("dollars"), row.getBoolean("invalidated"));
    }
}
