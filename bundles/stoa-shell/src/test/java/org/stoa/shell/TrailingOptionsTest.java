package org.stoa.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** generate_token's options after the world, as the venueless tool took them. */
class TrailingOptionsTest {

    private static TrailingOptions read(String... words) throws CommandException {
        return TrailingOptions.read(List.of(words), Set.of("--raw"), Set.of("--days"), "--trait");
    }

    @Test
    void aGreedyOptionTakesEveryWordUpToTheNextOption() throws Exception {
        TrailingOptions options = read("--trait", "a", "b", "--days", "2", "--trait", "c", "--raw");

        assertEquals(List.of("x", "a", "b", "c"), options.all("--trait", List.of("x")));
        assertEquals("2", options.value("--days", "90"));
        assertEquals(true, options.has("--raw"));
    }

    @Test
    void withoutTheOptionsTheValuesKarafReadStand() throws Exception {
        TrailingOptions options = read();

        assertEquals("90", options.value("--days", "90"));
        assertEquals(List.of("x"), options.all("--trait", List.of("x")));
    }

    @Test
    void anOptionWithoutItsValueIsRefusedByName() {
        Map<List<String>, String> refusals = Map.of(
                List.of("--trait"), "missing value for option --trait",
                List.of("--trait", "--raw"), "missing value for option --trait",
                List.of("--trait", "a", "--trait"), "missing value for option --trait",
                List.of("--days"), "missing value for option --days");
        refusals.forEach((words, message) -> assertEquals(message,
                assertThrows(CommandException.class, () -> read(words.toArray(String[]::new))).getMessage(),
                words.toString()));
    }

    @Test
    void strayWordsAndUnknownOptionsAreRefused() {
        assertEquals("unexpected argument: extra", assertThrows(CommandException.class, () -> read("extra")).getMessage());
        assertEquals("unknown option --day", assertThrows(CommandException.class, () -> read("--day", "2")).getMessage());
    }
}
