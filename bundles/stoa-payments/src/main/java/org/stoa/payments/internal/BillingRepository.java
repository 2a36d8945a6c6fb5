package org.stoa.payments.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        List<String> emails = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT email FROM accounts a WHERE "
                + "EXISTS (SELECT 1 FROM vms v WHERE v.email = a.email AND v.deleted IS NULL) "
                + "OR EXISTS (SELECT 1 FROM billing_warnings w WHERE w.email = a.email) ORDER BY email");
                ResultSet rows = q.executeQuery()) {
            while (rows.next()) {
                emails.add(rows.getString("email"));
            }
        }
        return emails;
    }

    /** Locks the account until the transaction ends, so two billing runs never decide for it at once. */
    void lock(Connection c, String email) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM accounts WHERE email = ? FOR UPDATE")) {
            q.setString(1, email);
            q.executeQuery().close();
        }
    }

    /** The account's remembered decisions by level. */
    Map<String, Decision> decisions(Connection c, String email) throws SQLException {
        Map<String, Decision> decisions = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT w.level, w.decided, n.delivered FROM billing_warnings w "
                + "JOIN billing_notices n ON n.id = w.notice WHERE w.email = ?")) {
            q.setString(1, email);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    decisions.put(rows.getString("level"), new Decision(Rows.instant(rows, "decided"), Rows.instant(rows, "delivered")));
                }
            }
        }
        return decisions;
    }

    void forget(Connection c, String email, Collection<String> levels) throws SQLException {
        if (levels.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM billing_warnings WHERE email = ? AND level = ANY (?)")) {
            delete.setString(1, email);
            delete.setArray(2, c.createArrayOf("text", levels.toArray()));
            delete.executeUpdate();
        }
    }

    long addNotice(Connection c, String email, String subject, String body, Instant created) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO billing_notices (email, subject, body, created) "
                + "VALUES (?, ?, ?, ?) RETURNING id")) {
            insert.setString(1, email);
            insert.setString(2, subject);
            insert.setString(3, body);
            insert.setObject(4, Rows.timestamp(created));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    void remember(Connection c, String email, String level, Instant decided, long notice) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO billing_warnings (email, level, decided, notice) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, email);
            insert.setString(2, level);
            insert.setObject(3, Rows.timestamp(decided));
            insert.setLong(4, notice);
            insert.executeUpdate();
        }
    }

    /** The oldest undelivered notice, locked; one another run holds is skipped. */
    Optional<Notice> nextUndelivered(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT id, email, subject, body FROM billing_notices "
                + "WHERE delivered IS NULL ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED");
                ResultSet rows = q.executeQuery()) {
            return rows.next() ? Optional.of(new Notice(rows.getLong("id"), rows.getString("email"),
                    rows.getString("subject"), rows.getString("body"))) : Optional.empty();
        }
    }

    void delivered(Connection c, long id, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE billing_notices SET delivered = ? WHERE id = ?")) {
            update.setObject(1, Rows.timestamp(at));
            update.setLong(2, id);
            update.executeUpdate();
        }
    }
}
