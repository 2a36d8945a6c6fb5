package org.stoa.example;

import java.sql.SQLException;
import java.util.List;

/** Notes kept by the example plugin: the smallest thing that needs a schema of its own. */
public interface NoteBook {

    long add(String text) throws SQLException;

    List<String> list() throws SQLException;
}
