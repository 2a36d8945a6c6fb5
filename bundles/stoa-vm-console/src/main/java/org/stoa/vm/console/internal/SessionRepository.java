package org.stoa.vm.console.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.stoa.db.Jdbc;

/** All SQL of console sessions, on the caller's connection. */
final class SessionRepository {

    void insert(Connection c, String tokenHash, String email, String csrf, Instant now, Instant expires) throws SQLException {
        Jdbc.update(c, "INSERT INTO console_sessions (token_hash, email, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                tokenHash, email, csrf, now, expires);
    }

    /** The session's address and form token while it has not expired. */
    Optional<String[]> live(Connection c, String tokenHash, Instant now) throws SQLException {
        return Jdbc.one(c, "SELECT email, csrf FROM console_sessions WHERE token_hash = ? AND expires > ?",
                row -> new String[] {row.getString("email"), row.getString("csrf")}, tokenHash, now);
    }

    void delete(Connection c, String tokenHash) throws SQLException {
        Jdbc.update(c, "DELETE FROM console_sessions WHERE token_hash = ?", tokenHash);
    }

    int deleteExpired(Connection c, Instant now) throws SQLException {
        return Jdbc.update(c, "DELETE FROM console_sessions WHERE expires <= ?", now);
    }
}
