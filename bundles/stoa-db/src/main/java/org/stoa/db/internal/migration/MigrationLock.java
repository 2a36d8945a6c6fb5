package org.stoa.db.internal.migration;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.Jdbc;

/**
 * The lock every migrating node holds: a PostgreSQL session advisory lock, which the server
 * drops when the holder's connection ends, however it ends. Liquibase's own lock is a row that
 * a node killed mid-migration leaves set, and every later start would wait on it and fail;
 * whoever holds this lock knows no other migrator is alive, so a set row is stale and cleared.
 */
final class MigrationLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);

    /** "Stoamigr"; the one-bigint key space, apart from the (int, int) keys payments uses. */
    private static final long KEY = 0x53746f616d696772L;

    private final Connection connection;

    private MigrationLock(Connection connection) {
        this.connection = connection;
    }

    /** Waits while another node migrates, then clears a lock row that no live node holds. */
    static MigrationLock take(Connection connection, String module) throws SQLException {
        boolean free = Jdbc.one(connection, "SELECT pg_try_advisory_lock(?)", row -> row.getBoolean(1), KEY)
                .orElse(false);
        if (!free) {
            LOG.info("{}: waiting for another node's migration to finish", module);
            Jdbc.one(connection, "SELECT pg_advisory_lock(?)::text", row -> row.getString(1), KEY);
        }
        MigrationLock lock = new MigrationLock(connection);
        try {
            lock.clearStaleLiquibaseLock(module);
        } catch (SQLException | RuntimeException e) {
            lock.close();
            throw e;
        }
        return lock;
    }

    private void clearStaleLiquibaseLock(String module) throws SQLException {
        boolean exists = Jdbc.one(connection, "SELECT to_regclass('databasechangeloglock') IS NOT NULL",
                row -> row.getBoolean(1)).orElse(false);
        if (!exists) {
            return;
        }
        var cleared = Jdbc.one(connection,
                "WITH stale AS (SELECT lockedby, lockgranted FROM databasechangeloglock WHERE locked FOR UPDATE), "
                        + "cleared AS (UPDATE databasechangeloglock SET locked = false, lockgranted = NULL, "
                        + "lockedby = NULL WHERE locked) "
                        + "SELECT coalesce(lockedby, '?') || ' since ' || coalesce(lockgranted::text, '?') FROM stale",
                row -> row.getString(1));
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
        cleared.ifPresent(holder -> LOG.warn("{}: cleared a stale migration lock left by {} "
                + "(that node stopped during a migration; no node is migrating now)", module, holder));
    }

    @Override
    public void close() throws SQLException {
        Jdbc.one(connection, "SELECT pg_advisory_unlock(?)", row -> row.getBoolean(1), KEY);
    }
}
