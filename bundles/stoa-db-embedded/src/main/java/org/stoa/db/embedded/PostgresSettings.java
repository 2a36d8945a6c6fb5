package org.stoa.db.embedded;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the private PostgreSQL runs. Start from {@link #of(Path)} and change what differs.
 *
 * @param dataDir     the PostgreSQL data directory; created and initialised when it holds no cluster yet
 * @param binariesDir where the bundled binaries are unpacked (shared by every data directory)
 * @param port        TCP port on 127.0.0.1; 0 picks a free port at every start
 * @param user        the database superuser created by initdb
 * @param password    the superuser's password; empty means generate one at initdb and keep it in
 *                    {@link #passwordFile()}. Only applied when the cluster is created.
 * @param logFile     where initdb, pg_ctl and the server write their output (appended)
 * @param osUser      the OS account the server runs as when the JVM runs as root (PostgreSQL refuses
 *                    to run as root); ignored otherwise
 */
public record PostgresSettings(Path dataDir, Path binariesDir, int port, String user, Optional<String> password,
        Path logFile, String osUser) {

    public PostgresSettings {
        dataDir = absolute(dataDir, "dataDir");
        if (dataDir.getParent() == null) {
            throw new IllegalArgumentException("dataDir must not be the root directory");
        }
        binariesDir = absolute(binariesDir, "binariesDir");
        logFile = absolute(logFile, "logFile");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        requireNonBlank(user, "user");
        Objects.requireNonNull(password, "password");
        password.ifPresent(p -> requireNonBlank(p, "password"));
        requireNonBlank(osUser, "osUser");
    }

    /**
     * Defaults for a data directory: binaries in its sibling {@code postgres-binaries}, log in its sibling
     * {@code postgres.log}, any free port, superuser {@code stoa} with a generated password, and
     * {@code nobody} as the server's OS account when running as root.
     */
    public static PostgresSettings of(Path dataDir) {
        Path dir = absolute(dataDir, "dataDir");
        return new PostgresSettings(dir, dir.resolveSibling("postgres-binaries"), 0, "stoa", Optional.empty(),
                dir.resolveSibling("postgres.log"), "nobody");
    }

    /** Where a generated password is kept (mode 0600): {@code postgres.password} beside the data directory. */
    public Path passwordFile() {
        return dataDir.resolveSibling("postgres.password");
    }

    public PostgresSettings withBinariesDir(Path dir) {
        return new PostgresSettings(dataDir, dir, port, user, password, logFile, osUser);
    }

    public PostgresSettings withPort(int newPort) {
        return new PostgresSettings(dataDir, binariesDir, newPort, user, password, logFile, osUser);
    }

    public PostgresSettings withUser(String newUser) {
        return new PostgresSettings(dataDir, binariesDir, port, newUser, password, logFile, osUser);
    }

    public PostgresSettings withPassword(String newPassword) {
        return new PostgresSettings(dataDir, binariesDir, port, user, Optional.of(newPassword), logFile, osUser);
    }

    public PostgresSettings withLogFile(Path file) {
        return new PostgresSettings(dataDir, binariesDir, port, user, password, file, osUser);
    }

    public PostgresSettings withOsUser(String account) {
        return new PostgresSettings(dataDir, binariesDir, port, user, password, logFile, account);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PostgresSettings[dataDir=" + dataDir + ", binariesDir=" + binariesDir + ", port=" + port
                + ", user=" + user + ", password=" + (password.isPresent() ? "(given)" : "(generated)")
                + ", logFile=" + logFile + ", osUser=" + osUser + "]";
    }

    private static Path absolute(Path path, String name) {
        return Objects.requireNonNull(path, name).toAbsolutePath().normalize();
    }

    private static void requireNonBlank(String value, String name) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
