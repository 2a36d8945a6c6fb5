package org.stoa.db.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.embedded.internal.AdminConnection;
import org.stoa.db.embedded.internal.ApplicationRole;
import org.stoa.db.embedded.internal.DataDirectory;
import org.stoa.db.embedded.internal.PasswordFile;
import org.stoa.db.embedded.internal.PostgresBinaries;
import org.stoa.db.embedded.internal.ServerAccount;

/**
 * A private PostgreSQL server, reachable on 127.0.0.1 only, with password (scram-sha-256) logins.
 *
 * <p>Files, by default beside the data directory (see {@link PostgresSettings}): {@code postgres-binaries/}
 * (unpacked once), {@code postgres.log} (initdb, pg_ctl and server output) and {@code postgres.password}
 * (the generated superuser password, mode 0600, kept for later starts). The application logs in as a role of
 * its own ({@link #provideApplicationDatabase}), never as the superuser. The server outlives the JVM if the
 * JVM dies; the next {@link #start} on the same data directory stops it first.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataDirectory data;
    private final int port;
    private final String user;
    private final String password;
    private final long pid;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(DataDirectory data, int port, String user, String password, long pid) {
        this.data = data;
        this.port = port;
        this.user = user;
        this.password = password;
        this.pid = pid;
    }

    /**
     * Unpacks the binaries if needed, creates the cluster if the data directory holds none, stops any server
     * an earlier process left running on it, then starts the server and returns once it accepts connections.
     *
     * @throws IOException with the log's last lines when a PostgreSQL program fails, or naming the directory
     *                     the server's OS account cannot reach
     */
    public static PostgresServer start(PostgresSettings settings) throws IOException {
        PostgresBinaries binaries = PostgresBinaries.unpack(settings.binariesDir());
        ServerAccount account = ServerAccount.forThisProcess(settings.osUser());
        Files.createDirectories(settings.dataDir().getParent());
        account.requireReachable(binaries.dir(), settings.dataDir().getParent());

        DataDirectory data = new DataDirectory(settings.dataDir(), binaries, account, settings.logFile());
        String password = settings.password().isPresent() ? settings.password().get()
                : new PasswordFile(settings.passwordFile()).readOrCreate(data.isInitialised());
        if (!data.isInitialised()) {
            LOG.info("Creating a PostgreSQL cluster in {} as {}", data.dir(), account.describe());
            data.initialise(settings.user(), password);
        } else {
            account.own(data.dir());
            if (data.isRunning()) {
                LOG.warn("A PostgreSQL server (PID {}) is still running on {}, left by an earlier process; stopping it",
                        data.postmasterPid().orElse(-1), data.dir());
                data.stop();
            }
        }
        int port = settings.port() != 0 ? settings.port() : freePort();
        data.configure(port);
        data.start();
        long pid = data.postmasterPid()
                .orElseThrow(() -> data.failure("pg_ctl start", "no postmaster.pid after the server started"));
        LOG.info("PostgreSQL started on 127.0.0.1:{} (data {}, PID {})", port, data.dir(), pid);
        return new PostgresServer(data, port, settings.user(), password, pid);
    }

    public int port() {
        return port;
    }

    /** The postmaster's process id. */
    public long pid() {
        return pid;
    }

    /** Whether the postmaster this server started still runs (it dies e.g. to the kernel's out-of-memory killer). */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Starts the server again on the same data directory and port after its postmaster died, so
     * clients reconnect to the same URL. PostgreSQL runs crash recovery before it accepts
     * connections; this returns once it does.
     *
     * @throws IOException with the log's last lines when it does not start (e.g. the dead server's
     *                     last sessions still hold its shared memory: try again shortly)
     */
    public PostgresServer restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("PostgreSQL (PID " + pid + ") is still running");
        }
        data.configure(port);
        data.start();
        long started = data.postmasterPid()
                .orElseThrow(() -> data.failure("pg_ctl start", "no postmaster.pid after the server started"));
        return new PostgresServer(data, port, user, password, started);
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** The superuser. */
    public String user() {
        return user;
    }

    /** The superuser's password. */
    public String password() {
        return password;
    }

    /**
     * Creates database {@code name}, owned by the superuser, unless it exists: a server standing in for an
     * operator's own PostgreSQL. The embedded database Stoa uses is {@link #provideApplicationDatabase}'s.
     *
     * @param name letters, digits and underscores, not starting with a digit, at most 63 characters
     */
    public void createDatabaseIfMissing(String name) throws IOException {
        requireName(name, "database");
        try (AdminConnection connection = AdminConnection.open(port, user, password, "postgres")) {
            connection.execute("CREATE DATABASE \"" + name + "\"");
            LOG.info("Created database {}", name);
        } catch (AdminConnection.ServerError e) {
            if (!e.alreadyExists()) {
                throw e;
            }
        }
    }

    /** How the application logs in: a role without superuser powers, and its password. */
    public record Login(String user, String password) {
        /** Never shows the password. */
        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }

    /**
     * Creates (or resets) the application's login role {@code role} with a new password, creates database
     * {@code database} owned by it unless it exists, and hands it every object there another role owns (a
     * database made by a release that used the superuser). The role is no superuser and may create neither
     * databases nor roles.
     *
     * @param database, role letters, digits and underscores, not starting with a digit, at most 63 characters;
     *                  the role must not be the superuser
     */
    public Login provideApplicationDatabase(String database, String role) throws IOException {
        requireName(database, "database");
        requireName(role, "role");
        String rolePassword = new ApplicationRole(port, user, password).provide(database, role);
        LOG.info("Database {} belongs to role {} (no superuser), which Stoa uses", database, role);
        return new Login(role, rolePassword);
    }

    private static void requireName(String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a " + what + " name Stoa creates: '" + name + "' (use letters, "
                    + "digits and underscores, not starting with a digit, at most 63 characters)");
        }
    }

    /**
     * Stops the server (fast shutdown: open sessions are disconnected) and waits for it to exit. Does nothing
     * the second time, nor when a later {@link #start} on the same data directory has already replaced it.
     */
    @Override
    public void close() throws IOException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OptionalLong current = data.postmasterPid();
        if (current.isEmpty() || current.getAsLong() != pid || !data.isRunning()) {
            LOG.info("PostgreSQL (PID {}) on {} is already stopped or replaced; nothing to stop", pid, data.dir());
            return;
        }
        data.stop();
        LOG.info("PostgreSQL on 127.0.0.1:{} stopped", port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        }
    }
}
