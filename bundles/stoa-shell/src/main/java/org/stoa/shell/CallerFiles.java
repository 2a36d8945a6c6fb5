package org.stoa.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;

/**
 * Files named on a command line, taken relative to the directory the operator typed the command
 * in. Over SSH (bin/stoa) that is not the server's working directory: bin/stoa sends its own as
 * the session variable {@value #WORKING_DIRECTORY}. At Karaf's own console, where the variable is
 * absent, the server's working directory is the operator's.
 */
public final class CallerFiles {

    /** The session variable bin/stoa sets (as an SSH environment variable) to its working directory. */
    public static final String WORKING_DIRECTORY = "STOA_WORKING_DIRECTORY";

    private CallerFiles() {
    }

    /**
     * {@code name} as an absolute path: as it is when absolute, else under the caller's working
     * directory.
     *
     * @throws CommandException a one-line failure naming the file, when it cannot be a path at all
     */
    public static Path resolve(Session session, String name) throws CommandException {
        try {
            Path file = Path.of(name);
            if (file.isAbsolute()) {
                return file.normalize();
            }
            Object directory = session == null ? null : session.get(WORKING_DIRECTORY);
            Path base = directory instanceof String d && !d.isBlank() ? Path.of(d) : Path.of("");
            return base.resolve(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw Failure.of("not a file name: " + name);
        }
    }

    /**
     * Why reading or writing a file failed, in words: the JDK's messages for the common cases are
     * just the file's name again.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }

    /**
     * Writes {@code text} to {@code file} readable and writable by its owner only (0600), for
     * files holding secrets. A new file is created so; an existing one is narrowed before the
     * text goes in, since the umask does not change an existing file's mode.
     */
    public static void writePrivate(Path file, String text) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } else {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
