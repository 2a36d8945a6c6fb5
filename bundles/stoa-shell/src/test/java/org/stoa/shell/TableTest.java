package org.stoa.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Tables laid out as the printf formats of the venueless and capsul tools laid theirs out. */
class TableTest {

    @Test
    void columnsAreAtLeastTheirWidthJoinedByTheSeparatorWithoutTrailingBlanks() {
        Table table = Table.separatedBy(" ").left("ID", 6).left("EMAIL", 20).right("DOLLARS", 10).left("STATE", 0);
        table.row(1, "alice@example.org", "20.00", "valid");
        table.row(12, "bob@example.org", "5.50", "invalidated");

        assertEquals(List.of(
                String.format("%-6s %-20s %10s %s", "ID", "EMAIL", "DOLLARS", "STATE"),
                String.format("%-6s %-20s %10s %s", 1, "alice@example.org", "20.00", "valid"),
                String.format("%-6s %-20s %10s %s", 12, "bob@example.org", "5.50", "invalidated")), table.lines());
    }

    @Test
    void aColumnGrowsToItsWidestCellForEveryRow() {
        Table table = Table.separatedBy("  ").left("ID", 4).left("URL", 0);
        table.row("myevent2020", "https://a.example.org");
        table.row("x", "https://b.example.org");

        assertEquals(List.of("ID           URL", "myevent2020  https://a.example.org", "x            https://b.example.org"),
                table.lines());
    }

    @Test
    void aCutColumnIsExactlyItsWidthAsPrecisionIs() {
        String title = "A title that is much longer than thirty-two letters";
        Table table = Table.separatedBy("  ").cut("Title", 32).left("URL", 0);
        table.row(title, "https://x");
        table.row("Short", "https://y");

        assertEquals(String.format("%-32.32s  %s", "Title", "URL"), table.lines().get(0));
        assertEquals(String.format("%-32.32s  %s", title, "https://x"), table.lines().get(1));
        assertEquals(String.format("%-32.32s  %s", "Short", "https://y"), table.lines().get(2));
    }

    @Test
    void aGapIsOneMoreSeparatorAndTakesNoCell() {
        Table table = Table.separatedBy(" ").right("DOLLARS", 10).gap().left("STATE", 0);
        table.row("$20.00", "valid");

        assertEquals(List.of(String.format("%10s  %s", "DOLLARS", "STATE"), String.format("%10s  %s", "$20.00", "valid")),
                table.lines());
    }

    @Test
    void anEmptyTableIsItsHeaderAndNullIsPrintedAsNull() {
        assertEquals(List.of("label"), Table.separatedBy(" ").left("label", 0).lines());
        assertEquals(List.of("A    B", "null x"), Table.separatedBy(" ").left("A", 4).left("B", 0).row(null, "x").lines());
    }

    @Test
    void aRowWithTheWrongNumberOfCellsIsAMistake() {
        Table table = Table.separatedBy(" ").left("A", 0).left("B", 0);

        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
        assertThrows(IllegalArgumentException.class, () -> table.row("one", "two", "three"));
    }
}
