package org.stoa.vm.hub.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.stoa.db.Jdbc;

/**
 * The lock that makes one process the hub: a PostgreSQL session-level advisory lock held on
 * a connection of its own for as long as the hub runs. PostgreSQL frees it when that session
 * ends, so a hub that dies (its process killed, its host gone) hands over to the next one
 * that tries, without anyone cleaning up. The holder's description is written beside the
 * lock, so a refused hub can say who is in the way.
 */
final class HubLock implements AutoCloseable {

    /** The outcome of one attempt: acquired, or refused with a description of the holder. */
    record Attempt(boolean acquired, String holder) {
    }

    private static final String LOCK_NAME = "stoa-vm-hub";
    private static final long KEY = keyOf(LOCK_NAME);
    static final int KEEPALIVE_IDLE_SECONDS = 10;
    static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    static final int KEEPALIVE_COUNT = 3;

    private final DataSource database;
    private final String self;
    private Connection session;

    /** {@code self} describes this process for whoever is refused while it holds the lock. */
    HubLock(DataSource database, String self) {
        this.database = database;
        this.self = self;
    }

    /** This process as a refused hub should see it: host name and process id. */
    static String thisProcess() {
        return "host " + hostName() + " pid " + ProcessHandle.current().pid();
    }

    /** The host's name, not a setting: HOSTNAME where a container sets it (no lookup), else the OS's. */
    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** Takes the lock unless another session holds it; holding it already counts as acquired. */
    synchronized Attempt tryAcquire() throws SQLException {
        if (held()) {
            return new Attempt(true, self);
        }
        forgetDeadSession();
        Connection c = database.getConnection();
        try {
            c.setAutoCommit(true);
            if (lock(c)) {
                probeFromTheServer(c);
                recordHolder(c);
                session = c;
                return new Attempt(true, self);
            }
            String holder = describeHolder(c);
            c.close();
            return new Attempt(false, holder);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Lets go of a session that died (its server restarted, its connection broke): the pool may
     * refuse to close it cleanly, which must not keep this hub from taking the lock again.
     */
    private void forgetDeadSession() {
        Connection dead = session;
        session = null;
        if (dead != null) {
            try {
                dead.close();
            } catch (SQLException e) {
                // the session is gone either way; PostgreSQL freed its lock with it
            }
        }
    }

    /** True while this hub's session, and so the lock, is alive. */
    synchronized boolean held() {
        try {
            return session != null && session.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Gives the lock up; ending the session frees it even if the unlock cannot be sent. */
    synchronized void release() throws SQLException {
        if (session == null) {
            return;
        }
        Connection c = session;
        session = null;
        try (c) {
            if (c.isValid(5)) {
                Jdbc.update(c, "DELETE FROM hub_lock_holder WHERE lock_name = ? AND backend_pid = pg_backend_pid()",
                        LOCK_NAME);
                Jdbc.one(c, "SELECT pg_advisory_unlock(?)", row -> row.getBoolean(1), KEY);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        release();
    }

    /**
     * A hub whose host vanished (power cut, network gone) sends no FIN: without probes PostgreSQL
     * would keep its session, and so the lock, for hours (the OS default of two hours before the
     * first keepalive). Probed every few seconds, the session ends within about
     * {@value #KEEPALIVE_IDLE_SECONDS} + {@value #KEEPALIVE_COUNT} × {@value #KEEPALIVE_INTERVAL_SECONDS}
     * seconds and the next hub takes over. (This hub notices its own side through {@link #held()}.)
     */
    private static void probeFromTheServer(Connection c) throws SQLException {
        Jdbc.one(c, "SELECT set_config('tcp_keepalives_idle', ?, false), "
                + "set_config('tcp_keepalives_interval', ?, false), set_config('tcp_keepalives_count', ?, false)",
                row -> Boolean.TRUE, String.valueOf(KEEPALIVE_IDLE_SECONDS), String.valueOf(KEEPALIVE_INTERVAL_SECONDS),
                String.valueOf(KEEPALIVE_COUNT));
    }

    /** A setting of the lock's session as PostgreSQL applies it, or empty while no lock is held. */
    synchronized java.util.Optional<String> sessionSetting(String name) throws SQLException {
        if (session == null) {
            return java.util.Optional.empty();
        }
        return Jdbc.one(session, "SELECT current_setting(?)", row -> row.getString(1), name);
    }

    private static boolean lock(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT pg_try_advisory_lock(?)", row -> row.getBoolean(1), KEY).orElseThrow();
    }

    private void recordHolder(Connection c) throws SQLException {
        Jdbc.update(c, "INSERT INTO hub_lock_holder "
                + "(lock_name, holder, backend_pid, since) VALUES (?, ?, pg_backend_pid(), now()) "
                + "ON CONFLICT (lock_name) DO UPDATE SET holder = excluded.holder, "
                + "backend_pid = excluded.backend_pid, since = excluded.since", LOCK_NAME, self);
    }

    /**
     * The recorded holder, trusted only while its session still holds the lock: a row left
     * by a hub that died is stale the moment another hub is in.
     */
    private static String describeHolder(Connection c) throws SQLException {
        return Jdbc.one(c, "SELECT h.holder, h.since FROM hub_lock_holder h "
                + "WHERE h.lock_name = ? AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = h.backend_pid "
                + "AND l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid::bigint = ? AND l.objid::bigint = ?)",
                row -> row.getString("holder") + " since " + Jdbc.instant(row, "since"),
                LOCK_NAME, KEY >>> 32, KEY & 0xFFFF_FFFFL)
                .orElse("a hub that has not yet named itself");
    }

    /** A fixed 64-bit advisory lock key from the lock's name, the same in every release. */
    private static long keyOf(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
