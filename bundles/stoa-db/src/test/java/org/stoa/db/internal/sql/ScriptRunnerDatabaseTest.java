package org.stoa.db.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestPostgres;

/** db:sql against the real PostgreSQL: what an operator sees. */
class ScriptRunnerDatabaseTest {

    private String url;

    @BeforeEach
    void capsulPayments() throws SQLException {
        url = TestPostgres.newDatabase();
        run("CREATE TABLE payments (id serial PRIMARY KEY, created timestamp NOT NULL, email text NOT NULL, "
                + "dollars numeric(8,2) NOT NULL, invalidated boolean NOT NULL DEFAULT false); "
                + "INSERT INTO payments (created, email, dollars) VALUES ('2020-05-05', 'alice@example.org', 20)", false);
    }

    @Test
    void selectPrintsCapsulsFormat() throws SQLException {
        assertEquals(List.of("1, 2020-05-05T00:00:00, alice@example.org, 20.00, false"),
                print("SELECT id, created, email, dollars, invalidated from payments", ResultFormat.PLAIN, false));
    }

    @Test
    void headerNamesTheColumnsFirst() throws SQLException {
        assertEquals(List.of("id, email", "1, alice@example.org"),
                print("SELECT id, email FROM payments", ResultFormat.PLAIN, true));
    }

    @Test
    void updatePrintsRowsAffectedAndIsCommitted() throws SQLException {
        assertEquals(List.of("1 rows affected."),
                print("UPDATE payments SET invalidated = True WHERE id = 1", ResultFormat.PLAIN, false));
        assertEquals(List.of("true"), print("SELECT invalidated FROM payments", ResultFormat.PLAIN, false));
    }

    @Test
    void theScriptRunsAsItsOperatorAndItsSettingsEndWithIt() throws SQLException {
        try (Connection c = TestPostgres.connect(url)) {
            ScriptRunner runner = new ScriptRunner(c, "forest");
            ScriptOutcome outcome = runner.run("SET stoa.reason = 'chargeback'; "
                    + "SELECT current_setting('stoa.user'), current_setting('stoa.reason')", false);
            assertEquals(List.of("0 rows affected.", "forest, chargeback"), ResultFormat.PLAIN.lines(outcome.results(), false));

            ScriptOutcome next = new ScriptRunner(c, "ops").run(
                    "SELECT current_setting('stoa.user'), coalesce(current_setting('stoa.reason', true), '')", false);
            assertEquals(List.of("ops, "), ResultFormat.PLAIN.lines(next.results(), false));
        }
    }

    @Test
    void anErrorRollsBackTheWholeScript() throws SQLException {
        ScriptOutcome outcome = run("INSERT INTO payments (created, email, dollars) VALUES (now(), 'bob@example.org', 5);\n"
                + "SELECT * FROM no_such_table", false);

        assertFalse(outcome.succeeded());
        String shown = String.join("\n", outcome.failure().orElseThrow().describe());
        assertTrue(shown.contains("relation \"no_such_table\" does not exist"), shown);
        assertTrue(shown.contains("statement 2 (line 2)"), shown);
        assertEquals(List.of("1"), print("SELECT count(*) FROM payments", ResultFormat.PLAIN, false));
    }

    @Test
    void aDryRunChangesNothing() throws SQLException {
        ScriptOutcome outcome = run("DELETE FROM payments", true);

        assertTrue(outcome.succeeded());
        assertFalse(outcome.committed());
        assertEquals(List.of("1"), print("SELECT count(*) FROM payments", ResultFormat.PLAIN, false));
    }

    @Test
    void csvAndJsonCarryTheSameRow() throws SQLException {
        String query = "SELECT email, dollars, invalidated FROM payments";
        assertEquals(List.of("email,dollars,invalidated", "alice@example.org,20.00,false"),
                print(query, ResultFormat.CSV, false));
        String json = String.join("", print(query, ResultFormat.JSON, false));
        assertTrue(json.replace(" ", "").contains("{\"email\":\"alice@example.org\",\"dollars\":20.00,\"invalidated\":false}"), json);
    }

    private List<String> print(String sql, ResultFormat format, boolean header) throws SQLException {
        ScriptOutcome outcome = run(sql, false);
        assertTrue(outcome.succeeded(), () -> String.join("\n", outcome.failure().get().describe()));
        return format.lines(outcome.results(), header);
    }

    private ScriptOutcome run(String sql, boolean dryRun) throws SQLException {
        try (Connection c = TestPostgres.connect(url)) {
            return new ScriptRunner(c, "forest").run(sql, dryRun);
        }
    }
}
