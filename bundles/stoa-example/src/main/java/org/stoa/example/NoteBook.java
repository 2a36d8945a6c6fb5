package org.stoa.example;

import java.sql.SQLException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Notes kept by the example plugin: the smallest thing that needs a schema of its own. */
@ProviderType
public interface NoteBook {

    long add(String text) throws SQLException;

    List<String> list() throws SQLException;
}
