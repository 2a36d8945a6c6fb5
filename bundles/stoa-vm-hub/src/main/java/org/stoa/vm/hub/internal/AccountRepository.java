package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.stoa.vm.hub.Account;
import org.stoa.vm.hub.SshKey;

/** All SQL of accounts and their SSH public keys, on the caller's connection. */
final class AccountRepository {

    /** Inserts the account; empty when the address is taken (nothing changed). */
    Optional<Account> insert(Connection c, String email) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts (email) VALUES (?) "
                + "ON CONFLICT (email) DO NOTHING RETURNING email, created")) {
            insert.setString(1, email);
            try (ResultSet rows = insert.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        }
    }

    Optional<Account> account(Connection c, String email) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT email, created FROM accounts WHERE email = ?")) {
            q.setString(1, email);
            try (ResultSet rows = q.executeQuery()) {
                return rows.next() ? Optional.of(account(rows)) : Optional.empty();
            }
        }
    }

    /** Inserts the key; empty when the account already has a key of that name (nothing changed). */
    Optional<SshKey> insertKey(Connection c, String email, String name, String content) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ssh_public_keys (email, name, content) "
                + "VALUES (?, ?, ?) ON CONFLICT (email, name) DO NOTHING RETURNING email, name, content, created")) {
            insert.setString(1, email);
            insert.setString(2, name);
            insert.setString(3, content);
            try (ResultSet rows = insert.executeQuery()) {
                return rows.next() ? Optional.of(key(rows)) : Optional.empty();
            }
        }
    }

    List<SshKey> keys(Connection c, String email) throws SQLException {
        List<SshKey> keys = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT email, name, content, created FROM ssh_public_keys WHERE email = ? ORDER BY name")) {
            q.setString(1, email);
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    keys.add(key(rows));
                }
            }
        }
        return keys;
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(row.getString("email"), Timestamps.instant(row, "created"));
    }

    private static SshKey key(ResultSet row) throws SQLException {
        return new SshKey(row.getString("email"), row.getString("name"), row.getString("content"),
                Timestamps.instant(row, "created"));
    }
}
