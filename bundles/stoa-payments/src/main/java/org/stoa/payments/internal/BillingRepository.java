package org.stoa.payments.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stoa.db.Jdbc;

/** All SQL of the billing job: what it decided per account, and the notices it owes. */
final class BillingRepository {

    /** A remembered decision and when its notice went out (null: not yet). */
    record Decision(Instant decided, Instant delivered) {
    }

    /** A notice still to deliver. */
    record Notice(long id, String email, String subject, String body) {
    }

    /** Accounts with running VMs, and accounts with decisions to forget; by address. */
    List<String> accountsToReview(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT email FROM vm_usage WHERE deleted IS NULL "
                + "UNION SELECT email FROM billing_warnings ORDER BY email", row -> row.getString("email"));
    }

    /** Locks the account until the transaction ends, so two billing runs never decide for it at once. */
    void lock(Connection c, String email) throws SQLException {
        Jdbc.one(c, "SELECT 1 FROM accounts WHERE email = ? FOR UPDATE", row -> row.getInt(1), email);
    }

    /** The account's remembered decisions by level. */
    Map<String, Decision> decisions(Connection c, String email) throws SQLException {
        record Remembered(String level, Decision decision) {
        }
        Map<String, Decision> decisions = new HashMap<>();
        for (Remembered r : Jdbc.list(c, "SELECT w.level, w.decided, n.delivered FROM billing_warnings w "
                + "JOIN billing_notices n ON n.id = w.notice WHERE w.email = ?",
                row -> new Remembered(row.getString("level"),
                        new Decision(Jdbc.instant(row, "decided"), Jdbc.instant(row, "delivered"))),
                email)) {
            decisions.put(r.level(), r.decision());
        }
        return decisions;
    }

    void forget(Connection c, String email, Collection<String> levels) throws SQLException {
        if (levels.isEmpty()) {
            return;
        }
        Jdbc.update(c, "DELETE FROM billing_warnings WHERE email = ? AND level = ANY (?)",
                email, c.createArrayOf("text", levels.toArray()));
    }

    long addNotice(Connection c, String email, String subject, String body, Instant created) throws SQLException {
        return Jdbc.one(c, "INSERT INTO billing_notices (email, subject, body, created) VALUES (?, ?, ?, ?) RETURNING id",
                row -> row.getLong(1), email, subject, body, created).orElseThrow();
    }

    void remember(Connection c, String email, String level, Instant decided, long notice) throws SQLException {
        Jdbc.update(c, "INSERT INTO billing_warnings (email, level, decided, notice) VALUES (?, ?, ?, ?)",
                email, level, decided, notice);
    }

    /** The oldest undelivered notice, locked; one another run holds is skipped. */
    Optional<Notice> nextUndelivered(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT id, email, subject, body FROM billing_notices "
                + "WHERE delivered IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                row -> new Notice(row.getLong("id"), row.getString("email"), row.getString("subject"),
                        row.getString("body")));
    }

    /** An account's notices not delivered yet: how many, and the oldest one's time. */
    record Undelivered(long count, Instant since) {
        @Override
        public String toString() {
            return count + " billing notice" + (count == 1 ? "" : "s") + " undelivered since " + since;
        }
    }

    Map<String, Undelivered> undelivered(Connection c) throws SQLException {
        Map<String, Undelivered> held = new HashMap<>();
        Jdbc.list(c, "SELECT email, count(*) AS count, min(created) AS since FROM billing_notices "
                + "WHERE delivered IS NULL GROUP BY email",
                row -> held.put(row.getString("email"), new Undelivered(row.getLong("count"), Jdbc.instant(row, "since"))));
        return held;
    }

    void delivered(Connection c, long id, Instant at) throws SQLException {
        Jdbc.update(c, "UPDATE billing_notices SET delivered = ? WHERE id = ?", at, id);
    }
}
