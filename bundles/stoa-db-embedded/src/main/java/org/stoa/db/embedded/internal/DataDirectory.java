package org.stoa.db.embedded.internal;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A PostgreSQL data directory and the programs that act on it: initdb, pg_ctl start/stop/status. Every
 * program runs as the {@link ServerAccount} and appends its output to the log file; a failure carries the
 * log's last lines.
 */
public final class DataDirectory {

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(3);
    private static final int PG_CTL_WAIT_SECONDS = 60;
    private static final Duration PG_CTL_TIMEOUT = Duration.ofSeconds(PG_CTL_WAIT_SECONDS + 15);
    private static final String SERVER_CONF = "stoa.conf";
    private static final int LOG_LINES_IN_ERRORS = 15;
    /** strerror(ENOSPC) as PostgreSQL's programs print it (they run with LC_ALL=C). */
    private static final String NO_SPACE = "No space left on device";

    private final Path dir;
    private final PostgresBinaries binaries;
    private final ServerAccount account;
    private final Path logFile;

    public DataDirectory(Path dir, PostgresBinaries binaries, ServerAccount account, Path logFile) {
        this.dir = dir;
        this.binaries = binaries;
        this.account = account;
        this.logFile = logFile;
    }

    public Path dir() {
        return dir;
    }

    public boolean isInitialised() {
        return Files.exists(dir.resolve("PG_VERSION"));
    }

    /** Runs initdb: UTF8, locale C, scram-sha-256 for every connection, {@code superuser} as the owner. */
    public void initialise(String superuser, String password) throws IOException {
        Files.createDirectories(dir);
        account.own(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        Path passwordFile = Files.createTempFile(dir.getParent(), ".initdb-password", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password + "\n");
            account.own(passwordFile);
            run("initdb", INITDB_TIMEOUT, "-D", dir.toString(), "-U", superuser, "--pwfile=" + passwordFile,
                    "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-instructions");
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        Files.writeString(dir.resolve("postgresql.conf"), "\n# Added by Stoa: settings it rewrites at every start\n"
                + "include_if_exists = '" + SERVER_CONF + "'\n", StandardOpenOption.APPEND);
    }

    /**
     * Writes the settings Stoa owns. Only TCP on 127.0.0.1: without unix sockets there is no shared socket
     * directory to secure (pg_ctl -w watches postmaster.pid, not a socket). Sized for a small footprint.
     */
    public void configure(int port) throws IOException {
        Path conf = dir.resolve(SERVER_CONF);
        Files.writeString(conf, """
                # Written by Stoa at every start; edits here are lost. Use ALTER SYSTEM for other settings.
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                max_connections = 100
                shared_buffers = '32MB'
                """.formatted(port));
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-------"));
        account.own(conf);
    }

    /** Whether a live postmaster holds this directory, whoever started it. */
    public boolean isRunning() throws IOException {
        int exit = exitCode("pg_ctl", PG_CTL_TIMEOUT, "status", "-D", dir.toString());
        return switch (exit) {
            case 0 -> true;
            case 3 -> false;
            default -> throw failure("pg_ctl status", "exit code " + exit);
        };
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() throws IOException {
        run("pg_ctl", PG_CTL_TIMEOUT, "start", "-D", dir.toString(), "-w", "-t", String.valueOf(PG_CTL_WAIT_SECONDS));
    }

    /** Fast shutdown: disconnects clients, rolls back their transactions, waits for the server to exit. */
    public void stop() throws IOException {
        run("pg_ctl", PG_CTL_TIMEOUT, "stop", "-D", dir.toString(), "-m", "fast", "-w", "-t",
                String.valueOf(PG_CTL_WAIT_SECONDS));
    }

    /** The PID recorded in postmaster.pid, if the file is there. */
    public OptionalLong postmasterPid() throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return OptionalLong.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** An exception naming what failed, with the log's last lines. */
    public IOException failure(String what, String why) {
        String tail = logTail();
        if (tail.contains(NO_SPACE)) {
            // PostgreSQL's own words are buried in the tail; say first what the operator must fix.
            return new IOException("No space left on the device holding " + dir + ": " + what + " failed; free some "
                    + "space there, then start again. Last lines of " + logFile + ":\n" + tail);
        }
        return new IOException(what + " failed for " + dir + " (" + why + "); last lines of " + logFile + ":\n"
                + tail);
    }

    private void run(String program, Duration timeout, String... args) throws IOException {
        int exit = exitCode(program, timeout, args);
        if (exit != 0) {
            throw failure(program + " " + args[0], "exit code " + exit);
        }
    }

    private int exitCode(String program, Duration timeout, String... args) throws IOException {
        List<String> command = account.command(binaries.program(program), Arrays.asList(args));
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "--- " + Instant.now() + " stoa runs " + program + " " + String.join(" ", args)
                + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(binaries.dir().toFile())
                .redirectInput(Redirect.from(new File("/dev/null")))
                .redirectOutput(Redirect.appendTo(logFile.toFile()))
                .redirectErrorStream(true);
        // PG* variables (PGDATA, PGPORT, ...) of the JVM's environment must not steer the programs.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw failure(program + " " + args[0], "no answer within " + timeout.toSeconds() + "s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + program, e);
        }
    }

    private String logTail() {
        try (RandomAccessFile log = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, log.length() - 8192);
            byte[] bytes = new byte[(int) (log.length() - start)];
            log.seek(start);
            log.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_ERRORS), lines.size()).stream()
                    .map(line -> "  " + line).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "  (log unreadable: " + e.getMessage() + ")";
        }
    }
}
