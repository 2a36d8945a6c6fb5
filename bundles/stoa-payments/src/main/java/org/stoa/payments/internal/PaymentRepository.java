package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.stoa.payments.Payment;
import org.stoa.payments.PaymentChange;

/** All SQL of payments and their audit trail, on the caller's connection. */
final class PaymentRepository {

    boolean accountExists(Connection c, String email) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM accounts WHERE email = ?")) {
            q.setString(1, email);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** A new payment with its {@code added} audit row. */
    Payment insert(Connection c, String email, BigDecimal dollars, String who, String why) throws SQLException {
        Payment payment;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO payments (email, dollars) VALUES (?, ?) "
                + "RETURNING " + Rows.PAYMENT_COLUMNS)) {
            insert.setString(1, email);
            insert.setBigDecimal(2, dollars);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                payment = Rows.payment(rows);
            }
        }
        audit(c, payment.id(), "added", who, why);
        return payment;
    }

    /** The payment, locked until the transaction ends. */
    Optional<Payment> forUpdate(Connection c, long id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.PAYMENT_COLUMNS + " FROM payments WHERE id = ? FOR UPDATE")) {
            q.setLong(1, id);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? Optional.of(Rows.payment(rows)) : Optional.empty();
            }
        }
    }

    /** Sets the payment's invalidated flag, with the audit row that says who and why. */
    Payment setInvalidated(Connection c, long id, boolean invalidated, String who, String why) throws SQLException {
        audit(c, id, invalidated ? "invalidated" : "restored", who, why);
        try (PreparedStatement update = c.prepareStatement("UPDATE payments SET invalidated = ? WHERE id = ? "
                + "RETURNING " + Rows.PAYMENT_COLUMNS)) {
            update.setBoolean(1, invalidated);
            update.setLong(2, id);
            try (ResultSet rows = update.executeQuery()) {
                rows.next();
                return Rows.payment(rows);
            }
        }
    }

    /** Every payment, or one account's (email not null), oldest first. */
    List<Payment> list(Connection c, String email) throws SQLException {
        List<Payment> payments = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + Rows.PAYMENT_COLUMNS + " FROM payments "
                + "WHERE ?::text IS NULL OR email = ? ORDER BY id")) {
            q.setString(1, email);
            q.setString(2, email);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    payments.add(Rows.payment(rows));
                }
            }
        }
        return payments;
    }

    List<PaymentChange> history(Connection c, long id) throws SQLException {
        List<PaymentChange> changes = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT payment, action, who, why, at FROM payment_audit "
                + "WHERE payment = ? ORDER BY id")) {
            q.setLong(1, id);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    changes.add(new PaymentChange(rows.getLong("payment"), rows.getString("action"), rows.getString("who"),
                            rows.getString("why"), Rows.instant(rows, "at")));
                }
            }
        }
        return changes;
    }

    private static void audit(Connection c, long payment, String action, String who, String why) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO payment_audit (payment, action, who, why) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, payment);
            insert.setString(2, action);
            insert.setString(3, who);
            insert.setString(4, why);
            insert.executeUpdate();
        }
    }
}
