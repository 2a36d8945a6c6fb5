package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.stoa.db.Jdbc;

/** All SQL of providers' checkouts (payment_sessions) and the webhook events acted on (payment_events). */
final class CheckoutRepository {

    /** A checkout as recorded; {@code payment} is null when none was made. */
    record Session(String status, Long payment) {
    }

    /** Claims the event: false when it was claimed before (a duplicate delivery). */
    boolean claimEvent(Connection c, String provider, String id, String type, String session) throws SQLException {
        return Jdbc.update(c, "INSERT INTO payment_events (provider, id, type, session, outcome) "
                + "VALUES (?, ?, ?, ?, '') ON CONFLICT (provider, id) DO NOTHING", provider, id, type, session) == 1;
    }

    void eventOutcome(Connection c, String provider, String id, String outcome) throws SQLException {
        Jdbc.update(c, "UPDATE payment_events SET outcome = ? WHERE provider = ? AND id = ?",
                outcome.length() > 1000 ? outcome.substring(0, 1000) : outcome, provider, id);
    }

    /** Advisory-lock namespace of checkouts (the first key of pg_advisory_xact_lock(int, int)). */
    private static final int CHECKOUT_LOCKS = 0x53746f61; // "Stoa"

    /**
     * The checkout, locked until the transaction ends. FOR UPDATE alone locks nothing while the
     * row does not exist yet, so two events of a new checkout handled at once both paid it: a
     * transaction-scoped advisory lock on the checkout's key serializes them first.
     */
    Optional<Session> forUpdate(Connection c, String provider, String id) throws SQLException {
        Jdbc.one(c, "SELECT pg_advisory_xact_lock(?, hashtext(? || ':' || ?))", row -> Boolean.TRUE,
                CHECKOUT_LOCKS, provider, id);
        return Jdbc.one(c, "SELECT status, payment FROM payment_sessions WHERE provider = ? AND id = ? FOR UPDATE",
                row -> new Session(row.getString("status"), row.getObject("payment", Long.class)), provider, id);
    }

    /** Records the checkout's state; a known checkout keeps its payment unless one is given. */
    void save(Connection c, String provider, String id, String email, BigDecimal dollars, String status, Long payment,
            String note) throws SQLException {
        Jdbc.update(c, "INSERT INTO payment_sessions "
                + "(provider, id, email, dollars, status, payment, note) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (provider, id) DO UPDATE SET email = coalesce(EXCLUDED.email, payment_sessions.email), "
                + "dollars = coalesce(EXCLUDED.dollars, payment_sessions.dollars), status = EXCLUDED.status, "
                + "payment = coalesce(EXCLUDED.payment, payment_sessions.payment), note = EXCLUDED.note, updated = now()",
                provider, id, email, dollars, status, payment, note.length() > 1000 ? note.substring(0, 1000) : note);
    }
}
