package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.stoa.db.Jdbc;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentChange;

/** All SQL of payments and their audit trail, on the caller's connection. */
final class PaymentRepository {

    private static final String PAYMENT_COLUMNS = "id, created, email, dollars, invalidated";

    /** Whether the hub knows the account (its accounts are what a payment may belong to). */
    boolean accountExists(Connection c, String email) throws SQLException {
        return Jdbc.one(c, "SELECT 1 FROM accounts WHERE email = ?", row -> row.getInt(1), email).isPresent();
    }

    /** A new payment with its {@code added} audit row. */
    Payment insert(Connection c, String email, BigDecimal dollars, String who, String why) throws SQLException {
        Payment payment = Jdbc.one(c, "INSERT INTO payments (email, dollars) VALUES (?, ?) RETURNING " + PAYMENT_COLUMNS,
                PaymentRepository::payment, email, dollars).orElseThrow();
        audit(c, payment.id(), "added", who, why);
        return payment;
    }

    /** The payment, locked until the transaction ends. */
    Optional<Payment> forUpdate(Connection c, long id) throws SQLException {
        return Jdbc.one(c, "SELECT " + PAYMENT_COLUMNS + " FROM payments WHERE id = ? FOR UPDATE",
                PaymentRepository::payment, id);
    }

    /** Sets the payment's invalidated flag, with the audit row that says who and why. */
    Payment setInvalidated(Connection c, long id, boolean invalidated, String who, String why) throws SQLException {
        audit(c, id, invalidated ? "invalidated" : "restored", who, why);
        return Jdbc.one(c, "UPDATE payments SET invalidated = ? WHERE id = ? RETURNING " + PAYMENT_COLUMNS,
                PaymentRepository::payment, invalidated, id).orElseThrow();
    }

    /** Every payment, or one account's (email not null), oldest first. */
    List<Payment> list(Connection c, String email) throws SQLException {
        return Jdbc.list(c, "SELECT " + PAYMENT_COLUMNS + " FROM payments WHERE ?::text IS NULL OR email = ? ORDER BY id",
                PaymentRepository::payment, email, email);
    }

    List<PaymentChange> history(Connection c, long id) throws SQLException {
        return Jdbc.list(c, "SELECT payment, action, who, why, at FROM payment_audit WHERE payment = ? ORDER BY id",
                row -> new PaymentChange(row.getLong("payment"), row.getString("action"), row.getString("who"),
                        row.getString("why"), Jdbc.instant(row, "at")),
                id);
    }

    private static void audit(Connection c, long payment, String action, String who, String why) throws SQLException {
        Jdbc.update(c, "INSERT INTO payment_audit (payment, action, who, why) VALUES (?, ?, ?, ?)",
                payment, action, who, why);
    }

    private static Payment payment(ResultSet row) throws SQLException {
        return new Payment(row.getLong("id"), Jdbc.instant(row, "created"), row.getString("email"),
                row.getBigDecimal("dollars"), row.getBoolean("invalidated"));
    }
}
