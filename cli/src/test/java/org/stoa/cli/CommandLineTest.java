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
        assertEquals("db:showmigrations", CommandLine.of(List.of("db:showmigrations")));
        assertEquals("token:generate myevent --trait admin", CommandLine.of(
                List.of("token:generate", "myevent", "--trait", "admin")));
    }

    @Test
    void anArgumentWithSpacesStaysOneArgument() {
        assertEquals("db:sql -c \"SELECT 1, 'a b'\"", CommandLine.of(List.of("db:sql", "-c", "SELECT 1, 'a b'")));
    }

    @Test
    void quotesBackslashesAndDollarsAreNotInterpretedByTheShell() {
        assertEquals("db:sql -c \"SELECT \\$\\$x\\$\\$, E'\\\\n', \\\"c\\\"\"",
                CommandLine.of(List.of("db:sql", "-c", "SELECT $$x$$, E'\\n', \"c\"")));
    }

    @Test
    void aWordThatIsAlsoAFileNameHereStaysAsTyped() throws Exception {
        Files.writeString(cwd.resolve("myevent2020"), "");

        assertEquals("token:generate myevent2020", CommandLine.of(List.of("token:generate", "myevent2020")));
        assertEquals("world:import-config world.json", CommandLine.of(List.of("world:import-config", "world.json")));
    }

    @Test
    void standardInputAsAFileStaysADash() {
        assertEquals("db:sql -f -", CommandLine.of(List.of("db:sql", "-f", "-")));
    }

    @Test
    void theVenuelessTwoWordConnectionsCommandsBecomeOne() {
        assertEquals("connections:list", CommandLine.of(List.of("connections", "list")));
        assertEquals("connections:force_reload --interval 10 \"*.production\"",
                CommandLine.of(List.of("connections", "force_reload", "--interval", "10", "*.production")));
        assertEquals("connections unknown", CommandLine.of(List.of("connections", "unknown")));
    }
}
