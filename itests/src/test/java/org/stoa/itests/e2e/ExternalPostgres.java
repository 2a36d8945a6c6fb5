package org.stoa.itests.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.stoa.db.embedded.PostgresServer;
import org.stoa.db.embedded.PostgresSettings;

/** A PostgreSQL of the test's own, outside every Stoa instance: the database an operator configures. */
final class ExternalPostgres {

    private ExternalPostgres() {
    }

    /** Settings for a fresh server under target/stoa-work/NAME, on a free port with a new password. */
    static PostgresSettings fresh(String name) throws IOException {
        Path root = Path.of(System.getProperty("stoa.work", "target/stoa-work")).toAbsolutePath().resolve(name);
        StoaInstance.deleteTree(root.resolve("data"));
        return PostgresSettings.of(root.resolve("data")).withBinariesDir(root.resolve("binaries"))
                .withPort(freePort()).withPassword(name + "-" + System.nanoTime());
    }

    /** What points a Stoa instance at {@code database} on that server. */
    static Map<String, String> environment(PostgresServer server, String database) {
        return Map.of("STOA_DB_URL", server.jdbcUrl(database), "STOA_DB_USER", server.user(),
                "STOA_DB_PASSWORD", server.password());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
