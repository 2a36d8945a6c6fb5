package org.stoa.example.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.db.ModuleSchema;
import org.stoa.example.NoteBook;

/** All of the example plugin's SQL. It starts only once stoa-db has migrated this bundle. */
@Component
public class NoteBookRepository implements NoteBook {

    @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-example)")
    private ModuleSchema schema;

    @Override
    public long add(String text) throws SQLException {
        try (Connection c = schema.dataSource().getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO example_note (text) VALUES (?) RETURNING id")) {
            insert.setString(1, text);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    @Override
    public List<String> list() throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Connection c = schema.dataSource().getConnection();
             PreparedStatement query = c.prepareStatement("SELECT id, text FROM example_note ORDER BY id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                notes.add(rows.getLong(1) + " " + rows.getString(2));
            }
        }
        return notes;
    }
}
