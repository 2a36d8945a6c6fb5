package org.stoa.db.internal.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs a script's statements on one connection in a single transaction: all of them take
 * effect, or none does. The transaction names its operator in the setting {@code stoa.user},
 * which audit triggers record (payments' does); settings the script makes with SET last for
 * the script only, as the connection goes back to a pool.
 */
public final class ScriptRunner {

    private final Connection connection;
    private final String operator;

    /** A runner on {@code connection}, which the caller keeps owning (and closes), for {@code operator}. */
    public ScriptRunner(Connection connection, String operator) {
        this.connection = connection;
        this.operator = operator;
    }

    /** Splits {@code script} and runs it; see {@link #run(List, boolean)}. */
    public ScriptOutcome run(String script, boolean dryRun) throws SQLException {
        return run(SqlScript.split(script), dryRun);
    }

    /**
     * Runs {@code statements} in order in one transaction, then commits, or rolls back when
     * {@code dryRun} is set or a statement fails. A failing statement is an outcome, not an
     * exception; the connection's auto-commit mode is restored either way.
     *
     * @throws SQLException if the connection itself fails (auto-commit cannot be switched,
     *                      or a rollback fails)
     */
    public ScriptOutcome run(List<ScriptStatement> statements, boolean dryRun) throws SQLException {
        Optional<ScriptFailure> refused = refuseTransactionControl(statements);
        if (refused.isPresent()) {
            return new ScriptOutcome(List.of(), refused, false);
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            return runInTransaction(statements, dryRun);
        } catch (RuntimeException | Error e) {
            // Restoring auto-commit would commit the half-run script.
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            forgetSettings();
        }
    }

    /** RESET ALL: what the script SET (stoa.reason, search_path, a role) must not reach the pool's next user. */
    private void forgetSettings() throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            jdbc.execute("RESET ALL");
        }
    }

    private void nameOperator() throws SQLException {
        try (PreparedStatement jdbc = connection.prepareStatement("SELECT set_config('stoa.user', ?, true)")) {
            jdbc.setString(1, operator);
            jdbc.execute();
        }
    }

    private ScriptOutcome runInTransaction(List<ScriptStatement> statements, boolean dryRun) throws SQLException {
        List<StatementResult> results = new ArrayList<>();
        nameOperator();
        for (int i = 0; i < statements.size(); i++) {
            ScriptStatement statement = statements.get(i);
            try {
                execute(i + 1, statement, results);
            } catch (SQLException e) {
                rollBack(e);
                return new ScriptOutcome(results, Optional.of(ScriptFailure.of(e, Optional.of(
                        new ScriptFailure.Numbered(i + 1, statement)))), false);
            }
        }
        if (dryRun) {
            connection.rollback();
            return new ScriptOutcome(results, Optional.empty(), false);
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            rollBack(e);
            return new ScriptOutcome(results, Optional.of(ScriptFailure.of(e, Optional.empty())), false);
        }
        return new ScriptOutcome(results, Optional.empty(), true);
    }

    private void execute(int number, ScriptStatement statement, List<StatementResult> results) throws SQLException {
        try (Statement jdbc = connection.createStatement()) {
            // Scripts are PostgreSQL, not JDBC: {fn ...} and {d ...} must reach the server as written.
            jdbc.setEscapeProcessing(false);
            boolean isResultSet = jdbc.execute(statement.sql());
            // A ';' glued to the next token leaves several statements in one text, hence the loop.
            while (true) {
                if (isResultSet) {
                    try (var resultSet = jdbc.getResultSet()) {
                        results.add(RowReader.read(number, resultSet));
                    }
                } else if (jdbc.getUpdateCount() >= 0) {
                    results.add(new StatementResult.UpdateCount(number, jdbc.getUpdateCount()));
                } else {
                    return;
                }
                isResultSet = jdbc.getMoreResults();
            }
        }
    }

    private void rollBack(SQLException cause) throws SQLException {
        try {
            connection.rollback();
        } catch (SQLException e) {
            e.addSuppressed(cause);
            throw e;
        }
    }

    private static Optional<ScriptFailure> refuseTransactionControl(List<ScriptStatement> statements) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).controlsTransaction()) {
                return Optional.of(new ScriptFailure(
                        "the script already runs in one transaction; it may use savepoints but not begin or end transactions",
                        Optional.empty(), Optional.of(new ScriptFailure.Numbered(i + 1, statements.get(i))),
                        OptionalInt.empty()));
            }
        }
        return Optional.empty();
    }
}
