package org.stoa.db.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptStatementTest {

    @ParameterizedTest
    @ValueSource(strings = {"BEGIN", "begin transaction", "START TRANSACTION", "COMMIT", "end", "ROLLBACK",
            "ROLLBACK AND CHAIN", "ABORT", "PREPARE TRANSACTION 'x'", "-- done\n/* really */ COMMIT"})
    void statementsThatBeginOrEndATransactionAreRecognised(String sql) {
        assertTrue(new ScriptStatement(sql, 1).controlsTransaction());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SAVEPOINT a", "ROLLBACK TO SAVEPOINT a", "rollback to a", "ROLLBACK WORK TO a",
            "RELEASE SAVEPOINT a", "SELECT 'COMMIT'", "DO $$ BEGIN NULL; END $$", "BEGINNING", "PREPARE p AS SELECT 1",
            "UPDATE payments SET invalidated = true"})
    void otherStatementsIncludingSavepointsAreAllowed(String sql) {
        assertFalse(new ScriptStatement(sql, 1).controlsTransaction());
    }

    @Test
    void aPositionIsPlacedOnItsScriptLine() {
        ScriptStatement statement = new ScriptStatement("SELECT *\n  FROM x\n WHERE y", 4);
        assertEquals(4, statement.lineOf(1));
        assertEquals(5, statement.lineOf(12));
        assertEquals(6, statement.lineOf(22));
    }

    @Test
    void positionsCountCharactersAsTheServerDoesNotJavaChars() {
        ScriptStatement statement = new ScriptStatement("SELECT '\uD83D\uDE00', x", 1);
        assertEquals("SELECT '\uD83D\uDE00', ", statement.before(13));
    }
}
