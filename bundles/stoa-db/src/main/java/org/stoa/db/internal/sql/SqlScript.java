package org.stoa.db.internal.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements, the way {@code db:sql} runs them.
 *
 * <p>A statement ends at a {@code ;} followed by whitespace, another {@code ;}, a comment or
 * the end of the input; a {@code ;} inside a string, quoted identifier, dollar-quoted body or comment
 * does not count. A {@code ;} glued to the next token ({@code a;b}) does not split either:
 * the protocol asks for whitespace after it, and the server then sees both statements.
 */
public final class SqlScript {

    private final String text;
    private final List<ScriptStatement> statements = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int start = -1;
    private int startLine;

    private SqlScript(String text) {
        this.text = text;
    }

    /**
     * The statements of {@code script} in order, each starting at its first token: comments
     * before it belong to no statement (a comment after a {@code ;} usually explains the
     * statement before). Statements holding only whitespace or comments are dropped.
     */
    public static List<ScriptStatement> split(String script) {
        SqlScript scanner = new SqlScript(script);
        scanner.scan();
        return List.copyOf(scanner.statements);
    }

    private void scan() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ';' && endsStatement(pos + 1)) {
                finishStatement(pos);
                pos++;
            } else if (Character.isWhitespace(c)) {
                advance(1);
            } else if (startsComment(pos)) {
                skipComment();
            } else {
                markStart();
                skipToken(c);
            }
        }
        finishStatement(text.length());
    }

    private boolean endsStatement(int next) {
        return next >= text.length() || Character.isWhitespace(text.charAt(next))
                || text.charAt(next) == ';' || startsComment(next);
    }

    private void markStart() {
        if (start < 0) {
            start = pos;
            startLine = line;
        }
    }

    private void finishStatement(int end) {
        if (start >= 0) {
            statements.add(new ScriptStatement(text.substring(start, end).strip(), startLine));
        }
        start = -1;
    }

    private void skipToken(char c) {
        if (c == '\'') {
            skipQuoted('\'', false);
        } else if (c == '"') {
            skipQuoted('"', false);
        } else if ((c == 'E' || c == 'e') && at(pos + 1) == '\'' && !identifierChar(at(pos - 1))) {
            advance(1);
            skipQuoted('\'', true);
        } else if (c == '$' && !identifierChar(at(pos - 1)) && dollarTagLength(pos) > 0) {
            skipDollarQuoted();
        } else {
            advance(1);
        }
    }

    /** Skips a quoted token whose quote is escaped by doubling it (and by a backslash in E'' strings). */
    private void skipQuoted(char quote, boolean backslashEscapes) {
        advance(1);
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                advance(2);
            } else if (c == quote && at(pos + 1) == quote) {
                advance(2);
            } else {
                advance(1);
                if (c == quote) {
                    return;
                }
            }
        }
    }

    private void skipDollarQuoted() {
        String tag = text.substring(pos, pos + dollarTagLength(pos));
        int close = text.indexOf(tag, pos + tag.length());
        advanceTo(close < 0 ? text.length() : close + tag.length());
    }

    /** Length of the {@code $tag$} opening at {@code i}, or 0 if there is none there (e.g. {@code $1}). */
    private int dollarTagLength(int i) {
        int j = i + 1;
        if (j < text.length() && Character.isDigit(text.charAt(j))) {
            return 0;
        }
        while (j < text.length() && identifierChar(text.charAt(j)) && text.charAt(j) != '$') {
            j++;
        }
        return at(j) == '$' ? j - i + 1 : 0;
    }

    private boolean startsComment(int i) {
        return startsComment(text, i);
    }

    private void skipComment() {
        advanceTo(commentEnd(text, pos));
    }

    private char at(int i) {
        return i >= 0 && i < text.length() ? text.charAt(i) : '\0';
    }

    private void advance(int n) {
        advanceTo(Math.min(pos + n, text.length()));
    }

    private void advanceTo(int end) {
        for (; pos < end; pos++) {
            if (text.charAt(pos) == '\n') {
                line++;
            }
        }
    }

    private static boolean identifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static boolean startsComment(String s, int i) {
        return s.startsWith("--", i) || s.startsWith("/*", i);
    }

    /** Where the comment starting at {@code i} ends: after its line, or after its (nested) closing. */
    private static int commentEnd(String s, int i) {
        if (s.startsWith("--", i)) {
            int newline = s.indexOf('\n', i);
            return newline < 0 ? s.length() : newline + 1;
        }
        int depth = 0;
        int j = i;
        while (j < s.length()) {
            if (s.startsWith("/*", j)) {
                depth++;
                j += 2;
            } else if (s.startsWith("*/", j)) {
                depth--;
                j += 2;
                if (depth == 0) {
                    return j;
                }
            } else {
                j++;
            }
        }
        return s.length();
    }

    /** The index of the first character at or after {@code i} that is neither whitespace nor comment. */
    static int skipBlanksAndComments(String s, int i) {
        while (i < s.length()) {
            if (Character.isWhitespace(s.charAt(i))) {
                i++;
            } else if (startsComment(s, i)) {
                i = commentEnd(s, i);
            } else {
                break;
            }
        }
        return i;
    }
}
