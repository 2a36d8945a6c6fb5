package org.stoa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @TempDir
    Path cwd;

    @Test
    void plainWordsPassAsTheyAre() {
        assertEquals("db:showmigrations", CommandLine.of(List.of("db:showmigrations"), cwd));
        assertEquals("token:generate myevent --trait admin", CommandLine.of(
                List.of("token:generate", "myevent", "--trait", "admin"), cwd));
    }

    @Test
    void anArgumentWithSpacesStaysOneArgument() {
        assertEquals("db:sql -c \"SELECT 1, 'a b'\"", CommandLine.of(List.of("db:sql", "-c", "SELECT 1, 'a b'"), cwd));
    }

    @Test
    void quotesBackslashesAndDollarsAreNotInterpretedByTheShell() {
        assertEquals("db:sql -c \"SELECT \\$\\$x\\$\\$, E'\\\\n', \\\"c\\\"\"",
                CommandLine.of(List.of("db:sql", "-c", "SELECT $$x$$, E'\\n', \"c\""), cwd));
    }

    @Test
    void aFileNamedRelativeToTheCallerBecomesAbsolute() throws Exception {
        Files.writeString(cwd.resolve("world.json"), "{}");

        assertEquals("world:import-config " + cwd.resolve("world.json"),
                CommandLine.of(List.of("world:import-config", "world.json"), cwd));
        assertEquals("db:sql -f " + cwd.resolve("new.sql"), CommandLine.of(List.of("db:sql", "-f", "new.sql"), cwd));
    }

    @Test
    void standardInputAsAFileStaysADash() {
        assertEquals("db:sql -f -", CommandLine.of(List.of("db:sql", "-f", "-"), cwd));
    }
}
