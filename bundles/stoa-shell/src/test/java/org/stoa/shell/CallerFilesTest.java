package org.stoa.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerFilesTest {

    /** A session holding only {@code variables}; everything else about a session is not used here. */
    private static Session sessionWith(Map<String, Object> variables) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        return variables.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aRelativeNameIsTakenFromTheCallersDirectory() throws Exception {
        Session session = sessionWith(Map.of(CallerFiles.WORKING_DIRECTORY, "/home/ops/event"));

        assertEquals(Path.of("/home/ops/event/world.json"), CallerFiles.resolve(session, "world.json"));
        assertEquals(Path.of("/home/ops/out/x.json"), CallerFiles.resolve(session, "../out/./x.json"));
    }

    @Test
    void anAbsoluteNameStaysWhereItPoints() throws Exception {
        Session session = sessionWith(Map.of(CallerFiles.WORKING_DIRECTORY, "/home/ops/event"));

        assertEquals(Path.of("/srv/world.json"), CallerFiles.resolve(session, "/srv/world.json"));
    }

    @Test
    void withoutTheVariableTheServersDirectoryIsTheCallers() throws Exception {
        assertEquals(Path.of("world.json").toAbsolutePath(), CallerFiles.resolve(sessionWith(Map.of()), "world.json"));
        assertEquals(Path.of("world.json").toAbsolutePath(), CallerFiles.resolve(null, "world.json"));
    }

    @Test
    void aNameThatCannotBeAPathIsRefusedByName() {
        CommandException e = assertThrows(CommandException.class,
                () -> CallerFiles.resolve(sessionWith(Map.of()), "a\0b"));
        assertEquals("not a file name: a\0b", e.getMessage());
    }

    @Test
    void failuresAreSaidInWords(@TempDir Path directory) throws IOException {
        IOException missing = assertThrows(IOException.class,
                () -> Files.writeString(directory.resolve("no/such/dir/x.json"), "{}"));
        IOException directoryAsFile = assertThrows(IOException.class, () -> Files.readString(directory));

        assertEquals("no such file or directory", CallerFiles.reason(missing));
        assertEquals("Is a directory", CallerFiles.reason(directoryAsFile));
    }

    @Test
    void aPrivateFileIsReadableByItsOwnerOnly(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("world.json");

        CallerFiles.writePrivate(file, "{\"secret\": \"s3\"}\n");

        assertEquals("{\"secret\": \"s3\"}\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aPrivateFileReplacesAWorldReadableOneAndTightensIt(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("world.json");
        Files.writeString(file, "old, and much longer than what replaces it");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        CallerFiles.writePrivate(file, "new");

        assertEquals("new", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(directory)) {
            assertEquals(1, left.count(), "no partial file left beside it");
        }
    }

    @Test
    void aPrivateFileInAMissingDirectoryFailsAndWritesNothing(@TempDir Path directory) {
        Path file = directory.resolve("absent/world.json");

        IOException e = assertThrows(IOException.class, () -> CallerFiles.writePrivate(file, "x"));

        assertEquals("no such file or directory", CallerFiles.reason(e));
        assertTrue(Files.notExists(directory.resolve("absent")));
    }
}
