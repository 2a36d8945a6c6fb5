package org.stoa.db.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The shapes {@code db:sql} prints results in. Every shape prints a statement without a
 * result set as {@code N rows affected.}; only {@link #PLAIN} has an optional header, the
 * others always name their columns.
 */
public enum ResultFormat {

    /** capsul's format: one line per row, values joined by {@code ", "}; the header only when asked for. */
    PLAIN {
        @Override
        List<String> rowLines(StatementResult.Rows result, boolean header) {
            List<String> lines = new ArrayList<>();
            if (header) {
                lines.add(String.join(", ", result.columns()));
            }
            result.rows().forEach(row -> lines.add(joined(row, ", ", ValueText::plain)));
            return lines;
        }
    },

    /**
     * RFC 4180, always with a header line, as {@code psql --csv} does: a file without its
     * column names is rarely what anyone wants. NULL is an empty field and the empty string
     * {@code ""}, so the two stay apart.
     */
    CSV {
        @Override
        List<String> rowLines(StatementResult.Rows result, boolean header) {
            List<String> lines = new ArrayList<>();
            lines.add(result.columns().stream().map(ResultFormat::csvField).collect(Collectors.joining(",")));
            result.rows().forEach(row -> lines.add(joined(row, ",",
                    value -> value == null ? "" : csvField(ValueText.plain(value)))));
            return lines;
        }
    },

    /** Aligned columns under a header and a rule, then {@code (N rows)}, as psql's aligned output. */
    TABLE {
        @Override
        List<String> rowLines(StatementResult.Rows result, boolean header) {
            return new TextTable(result).lines();
        }
    },

    /** One JSON array per result set, one object per row, keyed by column name. */
    JSON {
        @Override
        List<String> rowLines(StatementResult.Rows result, boolean header) {
            if (result.rows().isEmpty()) {
                return List.of("[]");
            }
            List<String> lines = new ArrayList<>();
            lines.add("[");
            List<List<Object>> rows = result.rows();
            for (int i = 0; i < rows.size(); i++) {
                lines.add("  " + jsonObject(result.columns(), rows.get(i)) + (i < rows.size() - 1 ? "," : ""));
            }
            lines.add("]");
            return lines;
        }
    };

    /** The format called {@code name} (any case), as given to {@code --format}. */
    public static Optional<ResultFormat> named(String name) {
        for (ResultFormat format : values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The lines printed for every result of a script, in order. */
    public List<String> lines(List<StatementResult> results, boolean header) {
        List<String> lines = new ArrayList<>();
        results.forEach(result -> lines.addAll(lines(result, header)));
        return lines;
    }

    /** The lines printed for one result; {@code header} asks {@link #PLAIN} for the column names. */
    public List<String> lines(StatementResult result, boolean header) {
        if (result instanceof StatementResult.Rows rows) {
            return rowLines(rows, header);
        }
        return List.of(((StatementResult.UpdateCount) result).count() + " rows affected.");
    }

    /** The lower-case name used on the command line. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    abstract List<String> rowLines(StatementResult.Rows result, boolean header);

    private static String joined(List<Object> row, String separator, Function<Object, String> text) {
        return row.stream().map(text).collect(Collectors.joining(separator));
    }

    private static String csvField(String text) {
        boolean quote = text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String jsonObject(List<String> columns, List<Object> row) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            members.add(ValueText.jsonString(columns.get(i)) + ": " + ValueText.json(row.get(i)));
        }
        return members.stream().collect(Collectors.joining(", ", "{", "}"));
    }
}
