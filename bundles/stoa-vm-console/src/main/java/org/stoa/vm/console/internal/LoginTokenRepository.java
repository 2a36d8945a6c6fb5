package org.stoa.vm.console.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.stoa.db.Jdbc;

/** All SQL of login links, on the caller's connection. */
final class LoginTokenRepository {

    /** Serializes one address's link requests, so two at once cannot both slip under the limit. */
    void lockAddress(Connection c, String email) throws SQLException {
        Jdbc.one(c, "SELECT pg_advisory_xact_lock(hashtext('console-login:' || ?))", row -> true, email);
    }

    int issuedSince(Connection c, String email, Instant since) throws SQLException {
        return Jdbc.one(c, "SELECT count(*) FROM console_login_tokens WHERE email = ? AND created > ?",
                row -> row.getInt(1), email, since).orElse(0);
    }

    void insert(Connection c, String tokenHash, String email, Instant now) throws SQLException {
        Jdbc.update(c, "INSERT INTO console_login_tokens (token_hash, email, created) VALUES (?, ?, ?)", tokenHash, email, now);
    }

    /** Marks an unused link issued after {@code since} used; its address, or empty when there is none such. */
    Optional<String> use(Connection c, String tokenHash, Instant since, Instant now) throws SQLException {
        return Jdbc.one(c, "UPDATE console_login_tokens SET used = ? WHERE token_hash = ? AND used IS NULL AND created > ? "
                + "RETURNING email", row -> row.getString("email"), now, tokenHash, since);
    }

    /** Forgets links older than {@code before}: they can neither log in nor count against the limit. */
    int deleteOlderThan(Connection c, Instant before) throws SQLException {
        return Jdbc.update(c, "DELETE FROM console_login_tokens WHERE created < ?", before);
    }
}
