package org.stoa.connections.internal;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;

/**
 * Database work no caller waits for (counts, sweeps, progress reports): a failure is a warning
 * in the log, and the next round tries again.
 */
final class BackgroundWork {

    interface Work {
        void run(Connection c) throws SQLException;
    }

    private BackgroundWork() {
    }

    static void run(DataSource database, Logger log, String what, Work work) {
        try (Connection c = database.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            log.warn("could not {}: {}", what, e.getMessage());
        }
    }
}
