package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.stoa.db.Jdbc;
import org.stoa.vm.hub.Account;
import org.stoa.vm.hub.SshKey;

/** All SQL of accounts and their SSH public keys, on the caller's connection. */
final class AccountRepository {

    /** Inserts the account; empty when the address is taken (nothing changed). */
    Optional<Account> insert(Connection c, String email) throws SQLException {
        return Jdbc.one(c, "INSERT INTO accounts (email) VALUES (?) "
                + "ON CONFLICT (email) DO NOTHING RETURNING email, created", AccountRepository::account, email);
    }

    Optional<Account> account(Connection c, String email) throws SQLException {
        return Jdbc.one(c, "SELECT email, created FROM accounts WHERE email = ?", AccountRepository::account, email);
    }

    /** Inserts the key; empty when the account already has a key of that name (nothing changed). */
    Optional<SshKey> insertKey(Connection c, String email, String name, String content) throws SQLException {
        return Jdbc.one(c, "INSERT INTO ssh_public_keys (email, name, content) "
                + "VALUES (?, ?, ?) ON CONFLICT (email, name) DO NOTHING RETURNING email, name, content, created",
                AccountRepository::key, email, name, content);
    }

    List<SshKey> keys(Connection c, String email) throws SQLException {
        return Jdbc.list(c, "SELECT email, name, content, created FROM ssh_public_keys WHERE email = ? ORDER BY name",
                AccountRepository::key, email);
    }

    /** True when the key was there. */
    boolean deleteKey(Connection c, String email, String name) throws SQLException {
        return Jdbc.update(c, "DELETE FROM ssh_public_keys WHERE email = ? AND name = ?", email, name) == 1;
    }

    private static Account account(ResultSet row) throws SQLException {
        return new Account(row.getString("email"), Jdbc.instant(row, "created"));
    }

    private static SshKey key(ResultSet row) throws SQLException {
        return new SshKey(row.getString("email"), row.getString("name"), row.getString("content"),
                Jdbc.instant(row, "created"));
    }
}
