package org.stoa.db.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A result set laid out as psql's aligned output: numbers right-aligned, everything else left.
 *
 * <p>Not Karaf's {@code ShellTable} (which every other Stoa table uses, through
 * {@code org.stoa.shell.Table}): psql centres a header over a column whose values it aligns right
 * or left, where ShellTable aligns header and values alike; psql's rule is ASCII {@code -+-} with
 * every column's padding, where ShellTable draws {@code ─┼} whenever the console can show them;
 * and psql counts a cell's width in code points, ShellTable in UTF-16 units, so an emoji would
 * shift the columns after it. This output is fixed by {@code db:sql --format table}'s tests.
 */
final class TextTable {

    private final List<String> columns;
    private final List<List<String>> cells = new ArrayList<>();
    private final boolean[] numeric;
    private final int[] widths;

    TextTable(StatementResult.Rows result) {
        columns = result.columns();
        numeric = new boolean[columns.size()];
        widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = width(columns.get(i));
            numeric[i] = !result.rows().isEmpty();
        }
        for (List<Object> row : result.rows()) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object value = row.get(i);
                String text = cell(value);
                numeric[i] &= value == null || value instanceof Number;
                widths[i] = Math.max(widths[i], width(text));
                texts.add(text);
            }
            cells.add(texts);
        }
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        List<String> rule = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            header.add(centred(columns.get(i), widths[i]));
            rule.add("-".repeat(widths[i] + 2));
        }
        lines.add(line(header));
        lines.add(String.join("+", rule));
        for (List<String> row : cells) {
            List<String> aligned = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                aligned.add(numeric[i] ? padLeft(row.get(i), widths[i]) : padRight(row.get(i), widths[i]));
            }
            lines.add(line(aligned));
        }
        lines.add(cells.size() == 1 ? "(1 row)" : "(" + cells.size() + " rows)");
        return lines;
    }

    private static String line(List<String> cells) {
        return cells.stream().map(cell -> " " + cell + " ").reduce((a, b) -> a + "|" + b).orElse("").stripTrailing();
    }

    // A line break or tab would break the alignment of every column after it.
    private static String cell(Object value) {
        return ValueText.plain(value).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }

    private static String padRight(String text, int width) {
        return text + " ".repeat(width - width(text));
    }

    private static String padLeft(String text, int width) {
        return " ".repeat(width - width(text)) + text;
    }

    private static String centred(String text, int width) {
        int space = width - width(text);
        return " ".repeat(space / 2) + text + " ".repeat(space - space / 2);
    }
}
