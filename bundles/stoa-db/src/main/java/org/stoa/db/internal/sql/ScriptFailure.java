package org.stoa.db.internal.sql;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a script was rolled back.
 *
 * @param message   the database's message, e.g. {@code ERROR: relation "x" does not exist}
 *                  (without the driver's {@code Position:} line, which is {@code position})
 * @param sqlState  the SQLSTATE code, if the database gave one
 * @param statement the failing statement and its 1-based number in the script; empty when
 *                  the commit itself failed (e.g. a deferred constraint)
 * @param position  the 1-based character in the statement where the server located the error
 */
public record ScriptFailure(String message, Optional<String> sqlState, Optional<Numbered> statement,
                            OptionalInt position) {

    // The PostgreSQL driver appends the server's error position to its message this way.
    private static final Pattern POSITION = Pattern.compile("\\R\\s*Position: (\\d+)");

    /** A statement with its 1-based number in the script. */
    public record Numbered(int number, ScriptStatement statement) {
    }

    /** The failure {@code e} reports, its position taken out of the driver's message. */
    static ScriptFailure of(SQLException e, Optional<Numbered> statement) {
        String message = String.valueOf(e.getMessage());
        Optional<String> sqlState = Optional.ofNullable(e.getSQLState());
        Matcher position = POSITION.matcher(message);
        if (!position.find()) {
            return new ScriptFailure(message, sqlState, statement, OptionalInt.empty());
        }
        OptionalInt at = OptionalInt.of(Integer.parseInt(position.group(1)));
        return new ScriptFailure(position.replaceFirst(""), sqlState, statement, at);
    }

    /** The failure as shown to a user: the message, where it happened and, if known, the line with a caret. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(message.lines().toList());
        if (statement.isEmpty()) {
            lines.add("at commit");
            return lines;
        }
        Numbered failing = statement.get();
        ScriptStatement sql = failing.statement();
        String where = "at statement " + failing.number() + " (line " + sql.line() + ")";
        if (position.isEmpty()) {
            lines.add(where);
            return lines;
        }
        int at = position.getAsInt();
        lines.add(where + ", position " + at);
        String before = sql.before(at);
        String lineStart = before.substring(before.lastIndexOf('\n') + 1);
        int lineEnd = sql.sql().indexOf('\n', before.length());
        String prefix = "LINE " + sql.lineOf(at) + ": ";
        lines.add(prefix + sql.sql().substring(before.length() - lineStart.length(),
                lineEnd < 0 ? sql.sql().length() : lineEnd).stripTrailing());
        lines.add(" ".repeat(prefix.length()) + blankedOut(lineStart) + "^");
        return lines;
    }

    // Keeps tabs so the caret lines up under the same tab stops as the text above it.
    private static String blankedOut(String text) {
        StringBuilder blank = new StringBuilder();
        text.codePoints().forEach(c -> blank.append(c == '\t' ? '\t' : ' '));
        return blank.toString();
    }
}
