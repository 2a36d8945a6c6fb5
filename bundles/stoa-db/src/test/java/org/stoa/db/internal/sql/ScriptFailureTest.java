package org.stoa.db.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScriptFailureTest {

    private static final ScriptFailure.Numbered SECOND =
            new ScriptFailure.Numbered(2, new ScriptStatement("SELECT *\n  FROM x", 3));

    @Test
    void thePositionIsTakenOutOfThePostgresqlDriversMessage() {
        SQLException e = new SQLException("ERROR: relation \"x\" does not exist\n  Position: 17", "42P01");

        ScriptFailure failure = ScriptFailure.of(e, Optional.of(SECOND));

        assertEquals(new ScriptFailure("ERROR: relation \"x\" does not exist", Optional.of("42P01"),
                Optional.of(SECOND), OptionalInt.of(17)), failure);
    }

    @Test
    void detailAndHintLinesStayInTheMessage() {
        SQLException e = new SQLException("ERROR: duplicate key value violates unique constraint \"p_pkey\"\n"
                + "  Detail: Key (id)=(1) already exists.", "23505");

        ScriptFailure failure = ScriptFailure.of(e, Optional.of(SECOND));

        assertEquals(e.getMessage(), failure.message());
        assertEquals(OptionalInt.empty(), failure.position());
    }

    @Test
    void aFailureWithAPositionShowsTheLineAndACaretUnderIt() {
        ScriptFailure failure = new ScriptFailure("ERROR: relation \"x\" does not exist", Optional.of("42P01"),
                Optional.of(SECOND), OptionalInt.of(17));

        assertEquals(List.of(
                "ERROR: relation \"x\" does not exist",
                "at statement 2 (line 3), position 17",
                "LINE 4:   FROM x",
                "               ^"), failure.describe());
    }

    @Test
    void aFailureWithoutAPositionNamesTheStatementAndItsLine() {
        ScriptFailure failure = new ScriptFailure("ERROR: deadlock detected", Optional.of("40P01"),
                Optional.of(SECOND), OptionalInt.empty());

        assertEquals(List.of("ERROR: deadlock detected", "at statement 2 (line 3)"), failure.describe());
    }

    @Test
    void aFailedCommitSaysSo() {
        ScriptFailure failure = new ScriptFailure("ERROR: insert or update violates foreign key constraint",
                Optional.of("23503"), Optional.empty(), OptionalInt.empty());

        assertEquals(List.of("ERROR: insert or update violates foreign key constraint", "at commit"),
                failure.describe());
    }
}
