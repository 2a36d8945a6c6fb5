package org.stoa.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/**
 * The real PostgreSQL the distribution embeds, started once per test run in
 * {@code target/test-postgres}; every test gets a database of its own.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    private TestPostgres() {
    }

    /** A new, empty database; returns its JDBC URL. */
    public static synchronized String newDatabase() {
        try {
            if (server == null) {
                Path root = Path.of("target", "test-postgres").toAbsolutePath();
                deleteTree(root.resolve("data"));
                server = PostgresServer.start(PostgresSettings.of(root.resolve("data"))
                        .withBinariesDir(root.resolve("binaries")));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is going away either way
                    }
                }));
            }
            String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            server.createDatabaseIfMissing(name);
            return server.jdbcUrl(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DataSource on the database at {@code url}, as the stoa DataSource is in the distribution. */
    public static DataSource dataSource(String url) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url);
        source.setUser(server.user());
        source.setPassword(server.password());
        return source;
    }

    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, server.user(), server.password());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
