package org.stoa.db.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlScriptTest {

    static Stream<Arguments> scripts() {
        return Stream.of(
                splits("statements end at a semicolon followed by whitespace",
                        "SELECT 1; SELECT 2;", at(1, "SELECT 1"), at(1, "SELECT 2")),
                splits("the last statement needs no semicolon",
                        "SELECT 1;\nSELECT 2", at(1, "SELECT 1"), at(2, "SELECT 2")),
                splits("an empty script has no statements", ""),
                splits("a blank script has no statements", " \n\t\n "),
                splits("a script of comments has no statements", "-- one\n/* two */\n-- three"),
                splits("a comment after the last statement is no statement",
                        "SELECT 1;\n-- done\n", at(1, "SELECT 1")),
                splits("empty statements are dropped",
                        "; ;\nSELECT 1;;\n;", at(2, "SELECT 1")),
                splits("a semicolon glued to the next token does not split",
                        "SELECT 1;SELECT 2", at(1, "SELECT 1;SELECT 2")),
                splits("comments before a statement are not part of it",
                        "SELECT 1; -- one\n/* two */ SELECT 2", at(1, "SELECT 1"), at(2, "SELECT 2")),
                splits("a semicolon followed by a comment splits",
                        "SELECT 1;-- one\nSELECT 2;/* two */", at(1, "SELECT 1"), at(2, "SELECT 2")),
                splits("a semicolon in a string does not split",
                        "SELECT 'a; b'; SELECT 2", at(1, "SELECT 'a; b'"), at(1, "SELECT 2")),
                splits("a doubled quote stays inside the string",
                        "SELECT 'it''s; fine'; SELECT 2", at(1, "SELECT 'it''s; fine'"), at(1, "SELECT 2")),
                splits("a backslash does not escape in a standard string",
                        "SELECT 'a\\'; SELECT 2", at(1, "SELECT 'a\\'"), at(1, "SELECT 2")),
                splits("a backslash escapes a quote in an E string",
                        "SELECT E'it\\'s; fine'; SELECT 2", at(1, "SELECT E'it\\'s; fine'"), at(1, "SELECT 2")),
                splits("a lower-case e string escapes too",
                        "SELECT e'\\\\'; SELECT 2", at(1, "SELECT e'\\\\'"), at(1, "SELECT 2")),
                splits("a typed literal ending in e is no E string",
                        "SELECT date'x\\'; SELECT 2", at(1, "SELECT date'x\\'"), at(1, "SELECT 2")),
                splits("a semicolon in a quoted identifier does not split",
                        "SELECT 1 AS \"a\"\";b\"; SELECT 2", at(1, "SELECT 1 AS \"a\"\";b\""), at(1, "SELECT 2")),
                splits("a semicolon in a dollar-quoted body does not split",
                        "DO $$ BEGIN PERFORM 1; END $$; SELECT 2",
                        at(1, "DO $$ BEGIN PERFORM 1; END $$"), at(1, "SELECT 2")),
                splits("a tagged dollar quote ends only at its own tag",
                        "CREATE FUNCTION f() RETURNS text AS $fn$ SELECT '$$; '; $fn$ LANGUAGE sql; SELECT 2",
                        at(1, "CREATE FUNCTION f() RETURNS text AS $fn$ SELECT '$$; '; $fn$ LANGUAGE sql"),
                        at(1, "SELECT 2")),
                splits("a positional parameter is no dollar quote",
                        "PREPARE p AS SELECT $1; SELECT '$x'", at(1, "PREPARE p AS SELECT $1"), at(1, "SELECT '$x'")),
                splits("a dollar sign inside an identifier is no dollar quote",
                        "SELECT a$b$; SELECT 2", at(1, "SELECT a$b$"), at(1, "SELECT 2")),
                splits("a semicolon in a line comment does not split",
                        "SELECT 1 -- not; here\nFROM t; SELECT 2", at(1, "SELECT 1 -- not; here\nFROM t"), at(2, "SELECT 2")),
                splits("a semicolon in a block comment does not split",
                        "SELECT /* ; */ 1; SELECT 2", at(1, "SELECT /* ; */ 1"), at(1, "SELECT 2")),
                splits("block comments nest",
                        "SELECT /* a /* b; */ still; in */ 1; SELECT 2",
                        at(1, "SELECT /* a /* b; */ still; in */ 1"), at(1, "SELECT 2")),
                splits("a quote inside a comment opens no string",
                        "-- it's\nSELECT 1 /* don't */; SELECT 2",
                        at(2, "SELECT 1 /* don't */"), at(2, "SELECT 2")),
                splits("an unterminated string runs to the end",
                        "SELECT 'abc; SELECT 2", at(1, "SELECT 'abc; SELECT 2")),
                splits("lines count from 1 across strings, comments and dollar quotes",
                        "\n\nSELECT 1;\n/* a\nb */ SELECT\n 'x\ny';\nDO $$\n$$;\n\n  SELECT 3",
                        at(3, "SELECT 1"), at(5, "SELECT\n 'x\ny'"), at(8, "DO $$\n$$"), at(11, "SELECT 3")),
                splits("windows line ends count once",
                        "SELECT 1;\r\n\r\nSELECT 2", at(1, "SELECT 1"), at(3, "SELECT 2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void splitsScriptIntoStatementsWithTheirLines(String behaviour, String script, List<ScriptStatement> expected) {
        assertEquals(expected, SqlScript.split(script));
    }

    private static Arguments splits(String behaviour, String script, ScriptStatement... expected) {
        return Arguments.of(behaviour, script, List.of(expected));
    }

    private static ScriptStatement at(int line, String sql) {
        return new ScriptStatement(sql, line);
    }
}
