package org.stoa.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void aPrivateFileIsReadableByItsOwnerOnlyEvenWhenItExistedBefore(@TempDir Path directory) throws Exception {
        // Issue 17: world:export-config wrote a world's secrets with the default umask (0644).
        Path fresh = directory.resolve("world.json");
        CallerFiles.writePrivate(fresh, "{\"secret\":\"s\"}\n");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        assertEquals("{\"secret\":\"s\"}\n", Files.readString(fresh));

        Path shared = directory.resolve("old.json");
        Files.writeString(shared, "a longer old content");
        Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        CallerFiles.writePrivate(shared, "new");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
        assertEquals("new", Files.readString(shared));
    }
}
