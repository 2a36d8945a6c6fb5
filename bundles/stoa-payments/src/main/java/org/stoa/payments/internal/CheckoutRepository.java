package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/** All SQL of providers' checkouts (payment_sessions) and the webhook events acted on (payment_events). */
final class CheckoutRepository {

    /** A checkout as recorded; {@code payment} is null when none was made. */
    record Session(String status, Long payment) {
    }

    /** Claims the event: false when it was claimed before (a duplicate delivery). */
    boolean claimEvent(Connection c, String provider, String id, String type, String session) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO payment_events (provider, id, type, session, outcome) "
                + "VALUES (?, ?, ?, ?, '') ON CONFLICT (provider, id) DO NOTHING")) {
            insert.setString(1, provider);
            insert.setString(2, id);
            insert.setString(3, type);
            insert.setString(4, session);
            return insert.executeUpdate() == 1;
        }
    }

    void eventOutcome(Connection c, String provider, String id, String outcome) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE payment_events SET outcome = ? WHERE provider = ? AND id = ?")) {
            update.setString(1, outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome);
            update.setString(2, provider);
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    /** The checkout, locked until the transaction ends. */
    Optional<Session> forUpdate(Connection c, String provider, String id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT status, payment FROM payment_sessions WHERE provider = ? AND id = ? FOR UPDATE")) {
            q.setString(1, provider);
            q.setString(2, id);
            try (ResultSet rows = q.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long payment = rows.getLong("payment");
                Long made = rows.wasNull() ? null : payment;
                return Optional.of(new Session(rows.getString("status"), made));
            }
        }
    }

    /** Records the checkout's state; a known checkout keeps its payment unless one is given. */
    void save(Connection c, String provider, String id, String email, BigDecimal dollars, String status, Long payment,
            String note) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO payment_sessions "
                + "(provider, id, email, dollars, status, payment, note) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (provider, id) DO UPDATE SET email = coalesce(EXCLUDED.email, payment_sessions.email), "
                + "dollars = coalesce(EXCLUDED.dollars, payment_sessions.dollars), status = EXCLUDED.status, "
                + "payment = coalesce(EXCLUDED.payment, payment_sessions.payment), note = EXCLUDED.note, updated = now()")) {
            upsert.setString(1, provider);
            upsert.setString(2, id);
            upsert.setString(3, email);
            upsert.setBigDecimal(4, dollars);
            upsert.setString(5, status);
            if (payment == null) {
                upsert.setNull(6, Types.BIGINT);
            } else {
                upsert.setLong(6, payment);
            }
            upsert.setString(7, note.length() > 1000 ? note.substring(0, 1000) : note);
            upsert.executeUpdate();
        }
    }
}
