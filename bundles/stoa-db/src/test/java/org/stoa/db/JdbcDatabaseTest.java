package org.stoa.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.testing.TestPostgres;

class JdbcDatabaseTest {

    private enum Colour { RED }

    private Connection c;

    @BeforeEach
    void connect() throws SQLException {
        c = TestPostgres.dataSource(TestPostgres.newDatabase()).getConnection();
        Jdbc.update(c, "CREATE TABLE notes (id serial PRIMARY KEY, owner uuid, text text, colour text, at timestamptz)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void updateBindsEveryKindOfArgumentAndCountsTheRows() throws SQLException {
        UUID owner = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-02T06:00:00.123456Z");
        assertEquals(1, Jdbc.update(c, "INSERT INTO notes (owner, text, colour, at) VALUES (?, ?, ?, ?)",
                owner, "first", Colour.RED, at));
        assertEquals(1, Jdbc.update(c, "INSERT INTO notes (owner, text, colour, at) VALUES (?, ?, ?, ?)",
                null, "second", null, null));

        Optional<String> row = Jdbc.one(c, "SELECT owner || ' ' || colour || ' ' || at FROM notes WHERE text = ?",
                r -> r.getString(1), "first");
        assertEquals(owner + " RED 2026-12-02 06:00:00.123456+00", row.orElseThrow());
        assertEquals(2, Jdbc.update(c, "UPDATE notes SET text = upper(text)"));
    }

    @Test
    void listKeepsTheQueryOrderAndOneIsEmptyWithoutARow() throws SQLException {
        for (String text : List.of("b", "c", "a")) {
            Jdbc.update(c, "INSERT INTO notes (text) VALUES (?)", text);
        }
        assertEquals(List.of("a", "b", "c"), Jdbc.list(c, "SELECT text FROM notes ORDER BY text", r -> r.getString(1)));
        assertEquals(List.of(), Jdbc.list(c, "SELECT text FROM notes WHERE text = ?", r -> r.getString(1), "z"));
        assertTrue(Jdbc.one(c, "SELECT text FROM notes WHERE text = ?", r -> r.getString(1), "z").isEmpty());
    }

    @Test
    void batchRunsTheStatementOnceForEachRowAndCountsEach() throws SQLException {
        int[] changed = Jdbc.batch(c, "INSERT INTO notes (text, colour) VALUES (?, ?) ON CONFLICT DO NOTHING",
                List.of(new Object[] { "a", Colour.RED }, new Object[] { "b", null }));
        assertArrayEquals(new int[] { 1, 1 }, changed);
        assertEquals(List.of("a RED", "b -"), Jdbc.list(c, "SELECT text || ' ' || coalesce(colour, '-') FROM notes "
                + "ORDER BY text", r -> r.getString(1)));
        assertArrayEquals(new int[] { 1, 0 }, Jdbc.batch(c, "UPDATE notes SET text = upper(text) WHERE text = ?",
                List.of(new Object[] { "a" }, new Object[] { "z" })));
    }

    @Test
    void anEmptyBatchChangesNothing() throws SQLException {
        assertArrayEquals(new int[0], Jdbc.batch(c, "INSERT INTO notes (text) VALUES (?)", List.of()));
        assertEquals(Optional.of(0L), Jdbc.one(c, "SELECT count(*) FROM notes", r -> r.getLong(1)));
    }

    @Test
    void instantReadsATimestamptzAndNullAsNull() throws SQLException {
        Instant at = Instant.parse("2026-12-02T06:00:00Z");
        Jdbc.update(c, "INSERT INTO notes (text, at) VALUES ('set', ?), ('unset', NULL)", at);
        assertEquals(Arrays.asList(at, null),
                Jdbc.list(c, "SELECT at FROM notes ORDER BY text", r -> Jdbc.instant(r, "at")));
    }
}
