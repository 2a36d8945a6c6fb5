package org.stoa.db.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultFormatTest {

    private static final StatementResult.Rows PAYMENTS = new StatementResult.Rows(1,
            List.of("id", "created", "email", "dollars", "invalidated"),
            List.of(
                    List.of(1, LocalDateTime.of(2020, 5, 5, 0, 0), "alice@example.org", new BigDecimal("20.00"), false),
                    Arrays.asList(12, LocalDateTime.of(2021, 1, 2, 3, 4, 5), "bob@example.org", new BigDecimal("5.50"),
                            null)));

    private static final StatementResult.Rows NONE = new StatementResult.Rows(1, List.of("id", "email"), List.of());

    private static final StatementResult.Rows AWKWARD = new StatementResult.Rows(1, List.of("text", "n"), List.of(
            Arrays.asList("a, \"b\"", 1),
            Arrays.asList("", null),
            Arrays.asList("two\nlines", 2)));

    @Test
    void plainPrintsOneLinePerRowWithoutHeader() {
        assertEquals(List.of(
                "1, 2020-05-05T00:00:00, alice@example.org, 20.00, false",
                "12, 2021-01-02T03:04:05, bob@example.org, 5.50, null"), ResultFormat.PLAIN.lines(PAYMENTS, false));
    }

    @Test
    void plainWithHeaderStartsWithTheColumnNames() {
        assertEquals("id, created, email, dollars, invalidated", ResultFormat.PLAIN.lines(PAYMENTS, true).get(0));
        assertEquals(3, ResultFormat.PLAIN.lines(PAYMENTS, true).size());
    }

    @Test
    void plainPrintsNothingForNoRowsAndOnlyTheHeaderWhenAsked() {
        assertEquals(List.of(), ResultFormat.PLAIN.lines(NONE, false));
        assertEquals(List.of("id, email"), ResultFormat.PLAIN.lines(NONE, true));
    }

    @Test
    void everyFormatPrintsRowsAffectedForAStatementWithoutRows() {
        for (ResultFormat format : ResultFormat.values()) {
            assertEquals(List.of("1 rows affected."), format.lines(new StatementResult.UpdateCount(1, 1), false));
            assertEquals(List.of("0 rows affected."), format.lines(new StatementResult.UpdateCount(1, 0), true));
        }
    }

    @Test
    void aScriptPrintsEachStatementsOutputInOrder() {
        List<StatementResult> results = List.of(
                new StatementResult.UpdateCount(1, 0),
                new StatementResult.Rows(2, List.of("id"), List.of(List.of(1))),
                new StatementResult.UpdateCount(3, 3));

        assertEquals(List.of("0 rows affected.", "1", "3 rows affected."), ResultFormat.PLAIN.lines(results, false));
    }

    @Test
    void csvAlwaysHasAHeaderLine() {
        assertEquals(List.of(
                "id,created,email,dollars,invalidated",
                "1,2020-05-05T00:00:00,alice@example.org,20.00,false",
                "12,2021-01-02T03:04:05,bob@example.org,5.50,"), ResultFormat.CSV.lines(PAYMENTS, false));
        assertEquals(List.of("id,email"), ResultFormat.CSV.lines(NONE, true));
    }

    @Test
    void csvQuotesFieldsAsRfc4180AndKeepsNullApartFromEmpty() {
        assertEquals(List.of(
                "text,n",
                "\"a, \"\"b\"\"\",1",
                "\"\",",
                "\"two\nlines\",2"), ResultFormat.CSV.lines(AWKWARD, false));
    }

    @Test
    void tableAlignsColumnsUnderAHeaderAndCountsRows() {
        assertEquals(List.of(
                " id |       created       |       email       | dollars | invalidated",
                "----+---------------------+-------------------+---------+-------------",
                "  1 | 2020-05-05T00:00:00 | alice@example.org |   20.00 | false",
                " 12 | 2021-01-02T03:04:05 | bob@example.org   |    5.50 | null",
                "(2 rows)"), ResultFormat.TABLE.lines(PAYMENTS, false));
    }

    @Test
    void tableSaysOneRowInTheSingular() {
        StatementResult.Rows one = new StatementResult.Rows(1, List.of("?column?"), List.of(List.of(1)));

        assertEquals(List.of(" ?column?", "----------", "        1", "(1 row)"), ResultFormat.TABLE.lines(one, false));
    }

    @Test
    void tableWithoutRowsShowsTheHeaderAndZeroRows() {
        assertEquals(List.of(" id | email", "----+-------", "(0 rows)"), ResultFormat.TABLE.lines(NONE, false));
    }

    @Test
    void tableKeepsLineBreaksFromBreakingTheAlignment() {
        assertEquals(List.of(
                "    text    |  n",
                "------------+------",
                " a, \"b\"     |    1",
                "            | null",
                " two\\nlines |    2",
                "(3 rows)"), ResultFormat.TABLE.lines(AWKWARD, false));
    }

    @Test
    void jsonPrintsOneArrayOfObjectsPerResultSet() {
        assertEquals(List.of(
                "[",
                "  {\"id\": 1, \"created\": \"2020-05-05T00:00:00\", \"email\": \"alice@example.org\", "
                        + "\"dollars\": 20.00, \"invalidated\": false},",
                "  {\"id\": 12, \"created\": \"2021-01-02T03:04:05\", \"email\": \"bob@example.org\", "
                        + "\"dollars\": 5.50, \"invalidated\": null}",
                "]"), ResultFormat.JSON.lines(PAYMENTS, false));
    }

    @Test
    void jsonEscapesStringsAndKeys() {
        StatementResult.Rows rows = new StatementResult.Rows(1, List.of("say \"hi\""),
                List.of(List.of("two\nlines \\ \"quoted\"")));

        assertEquals(List.of("[", "  {\"say \\\"hi\\\"\": \"two\\nlines \\\\ \\\"quoted\\\"\"}", "]"),
                ResultFormat.JSON.lines(rows, false));
    }

    @Test
    void jsonOfNoRowsIsAnEmptyArray() {
        assertEquals(List.of("[]"), ResultFormat.JSON.lines(NONE, true));
    }

    @Test
    void formatsAreNamedOnTheCommandLineInAnyCase() {
        assertEquals(Optional.of(ResultFormat.CSV), ResultFormat.named("csv"));
        assertEquals(Optional.of(ResultFormat.TABLE), ResultFormat.named("Table"));
        assertEquals(Optional.empty(), ResultFormat.named("xml"));
        assertEquals("json", ResultFormat.JSON.optionName());
    }
}
