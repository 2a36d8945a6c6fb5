package org.stoa.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /**
     * Writes {@code text} to {@code file} readable by its owner only (0600), whatever the server's
     * umask and whatever the permissions of a file already there: for output that holds secrets
     * (a world's JWT secrets). The text goes to a new owner-only file beside it first, which then
     * replaces the target, so the secret is never readable by others, not even for a moment, and
     * a failed write leaves the old file as it was.
     */
    public static void writePrivate(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
        Path partial = posix
                ? Files.createTempFile(directory, "." + file.getFileName(), ".partial",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, "." + file.getFileName(), ".partial");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
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
}
