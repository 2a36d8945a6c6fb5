package org.stoa.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;

import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.stoa.db.testing.TestPostgres;

/** How a database failure reads: unreachable servers apart from failing statements, one line each. */
class TransactionsDatabaseTest {

    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    @Test
    void aServerThatCannotBeReachedIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0)) {
            closed = probe.getLocalPort();
        }
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:" + closed + "/stoa");
        Transactions<Refused> transactions = new Transactions<>(nowhere, Refused::new);

        Refused e = assertThrows(Refused.class, () -> transactions.inTransaction(c -> Jdbc.update(c, "SELECT 1")));

        assertTrue(e.getMessage().startsWith("database unavailable: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(Transactions.isDatabaseFailure(e.getMessage()));
        assertTrue(Transactions.isDatabaseUnavailable(e.getMessage()));
    }

    @Test
    void aFailingStatementIsADatabaseErrorNotUnavailability() throws Exception {
        Transactions<Refused> transactions = new Transactions<>(TestPostgres.dataSource(TestPostgres.newDatabase()),
                Refused::new);

        Refused e = assertThrows(Refused.class,
                () -> transactions.inTransaction(c -> Jdbc.update(c, "INSERT INTO no_such_table VALUES (1)")));

        assertEquals("database error: ERROR: relation \"no_such_table\" does not exist", e.getMessage());
        assertTrue(Transactions.isDatabaseFailure(e.getMessage()));
        assertFalse(Transactions.isDatabaseUnavailable(e.getMessage()));
    }

    @Test
    void aModulesOwnRefusalIsNoDatabaseFailure() {
        assertFalse(Transactions.isDatabaseFailure("no such world: w"));
        assertFalse(Transactions.isDatabaseFailure(null));
    }
}
