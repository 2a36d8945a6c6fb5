package org.stoa.db.internal.migration;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/** The files a module ships, read by path relative to its root (a bundle, or a folder in tests). */
public interface ModuleFiles {

    /** Names of the files directly inside {@code folder}. */
    List<String> list(String folder) throws IOException;

    /** The file's content, or empty when it does not exist. */
    Optional<InputStream> open(String path) throws IOException;

    /** Where these files come from, for messages. */
    String describe();
}
