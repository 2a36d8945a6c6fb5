package org.stoa.example.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.stoa.db.Jdbc;
import org.stoa.example.Note;

/**
 * All of the example plugin's SQL, run on the caller's connection: the service decides where a
 * transaction begins and ends, the repository only what the statements are.
 */
final class NoteBookRepository {

    Note insert(Connection c, String text) throws SQLException {
        // INSERT ... RETURNING always yields the one row it inserted.
        return Jdbc.one(c, "INSERT INTO example_note (text) VALUES (?) RETURNING id, text, created",
                NoteBookRepository::note, text).orElseThrow();
    }

    List<Note> all(Connection c) throws SQLException {
        return Jdbc.list(c, "SELECT id, text, created FROM example_note ORDER BY id", NoteBookRepository::note);
    }

    private static Note note(ResultSet row) throws SQLException {
        return new Note(row.getLong("id"), row.getString("text"), Jdbc.instant(row, "created"));
    }
}
