package org.stoa.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.Row;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * How Stoa's commands print a table: Karaf's {@link ShellTable} laid out as the venueless and
 * capsul tools printed theirs. The header is a plain first line (no rule under it), columns are
 * joined by one separator, each is at least its given width and grows to its widest cell, and
 * trailing blanks are dropped. Cells are printed as {@link String#valueOf(Object)} prints them
 * ({@code null} too).
 *
 * <pre>
 * Table table = Table.separatedBy(" ").left("ID", 6).right("DOLLARS", 10).left("STATE", 0);
 * table.row(1, "20.00", "valid");
 * table.print(System.out);
 * </pre>
 */
public final class Table {

    private final ShellTable table;
    private final Row header;
    /** Per column: whether rows give it a cell ({@link #gap()}s take none). */
    private final List<Boolean> filled = new ArrayList<>();

    private Table(String separator) {
        // The headers are a row, not ShellTable's own header, which would underline them.
        table = new ShellTable().noHeaders().separator(separator);
        header = table.addRow();
    }

    /** A table whose columns are joined by {@code separator}, e.g. {@code " "}. */
    public static Table separatedBy(String separator) {
        return new Table(separator);
    }

    /** A left-aligned column at least {@code width} wide (as {@code %-Ns}). */
    public Table left(String heading, int width) {
        return column(new Column(heading, width, -1).alignLeft(), heading, true);
    }

    /** A right-aligned column at least {@code width} wide (as {@code %Ns}). */
    public Table right(String heading, int width) {
        return column(new Column(heading, width, -1).alignRight(), heading, true);
    }

    /** A left-aligned column exactly {@code width} wide, longer cells cut there (as {@code %-N.Ns}). */
    public Table cut(String heading, int width) {
        return column(new Column(heading, width, width).alignLeft(), heading, true);
    }

    /** An empty column rows give no cell for: one more separator between its neighbours. */
    public Table gap() {
        return column(new Column("", 0, 0), "", false);
    }

    /** Adds a row, one cell for each column but the gaps. */
    public Table row(Object... cells) {
        List<Object> texts = new ArrayList<>();
        Iterator<Object> cell = Arrays.asList(cells).iterator();
        for (boolean takesCell : filled) {
            texts.add(!takesCell ? "" : String.valueOf(cell.hasNext() ? cell.next() : missing(cells.length)));
        }
        if (cell.hasNext()) {
            missing(cells.length);
        }
        table.addRow().addContent(texts.toArray());
        return this;
    }

    /** The table's lines, the header first. */
    public List<String> lines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            // Given a charset with box-drawing characters, ShellTable keeps our separator rather than " | ".
            table.print(out, StandardCharsets.UTF_8, true);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Prints the lines to {@code out}. */
    public void print(PrintStream out) {
        lines().forEach(out::println);
    }

    private Table column(Col column, String heading, boolean takesCell) {
        table.column(column);
        header.addContent(heading);
        filled.add(takesCell);
        return this;
    }

    private Object missing(int given) {
        throw new IllegalArgumentException(filled.stream().filter(f -> f).count() + " cells expected, got " + given);
    }

    /** A column with a minimum width whose cut keeps {@code size} characters, as {@code %.Ns} does (Col keeps one fewer). */
    private static final class Column extends Col {

        Column(String heading, int width, int maxWidth) {
            super(heading);
            maxSize(maxWidth);
            updateSize(width);
        }

        @Override
        protected String cut(String content, int size) {
            return content.length() <= size ? content : content.substring(0, size);
        }
    }
}
