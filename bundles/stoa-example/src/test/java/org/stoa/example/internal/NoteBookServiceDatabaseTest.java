package org.stoa.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.db.Jdbc;
import org.stoa.db.testing.TestMigrations;
import org.stoa.db.testing.TestPostgres;
import org.stoa.example.Note;
import org.stoa.example.NoteException;

/** The note book and its repository on a real PostgreSQL, migrated by the bundle's own changelog. */
class NoteBookServiceDatabaseTest {

    private String url;
    private NoteBookService notes;

    @BeforeEach
    void database() throws Exception {
        url = TestMigrations.newDatabaseWith("stoa-example", "db/changelog.xml");
        notes = new NoteBookService(TestPostgres.dataSource(url));
    }

    @Test
    void notesComeBackOldestFirstWithTheTimeTheyWereStored() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        Note first = notes.add("first");
        Note second = notes.add("second, with spaces");

        List<Note> all = notes.list();

        assertEquals(List.of(first, second), all);
        assertEquals(List.of(first.id() + " first", second.id() + " second, with spaces"),
                all.stream().map(Note::line).toList());
        assertTrue(first.id() < second.id());
        assertTrue(first.created().isAfter(before), first.created().toString());
    }

    @Test
    void aBlankNoteIsRefusedAndNothingIsStored() throws Exception {
        NoteException e = assertThrows(NoteException.class, () -> notes.add("   "));

        assertEquals(NoteException.Reason.INVALID, e.reason());
        assertEquals("a note needs some text", e.getMessage());
        assertEquals(List.of(), notes.list());
    }

    @Test
    void aDatabaseFailureReachesTheCallerAsTheModulesOneLineError() throws Exception {
        try (Connection c = TestPostgres.connect(url)) {
            Jdbc.update(c, "DROP TABLE example_note");
        }

        NoteException e = assertThrows(NoteException.class, () -> notes.add("lost"));

        assertEquals(NoteException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().startsWith("database error: ") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
