package org.stoa.db.internal.sql;

import java.util.regex.Pattern;

/**
 * One statement of a script, without its terminating {@code ;}.
 *
 * @param sql  the text sent to the database, from its first token on
 * @param line the 1-based line of the script on which {@code sql} starts
 */
public record ScriptStatement(String sql, int line) {

    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "(?i)(BEGIN|START|COMMIT|END|ABORT|PREPARE\\s+TRANSACTION)\\b"
                    + "|ROLLBACK\\b(?!\\s+((WORK|TRANSACTION)\\s+)?TO\\b)");

    /** Whether this statement begins, ends or prepares a transaction (savepoints do not count). */
    public boolean controlsTransaction() {
        return TRANSACTION_CONTROL.matcher(sql)
                .region(SqlScript.skipBlanksAndComments(sql, 0), sql.length())
                .lookingAt();
    }

    /** The script line holding the 1-based character {@code position} of {@code sql}, as the server counts. */
    public int lineOf(int position) {
        return line + (int) before(position).chars().filter(c -> c == '\n').count();
    }

    /** The text of {@code sql} before the 1-based character {@code position}, counted in code points as the server does. */
    String before(int position) {
        int characters = Math.min(Math.max(position - 1, 0), sql.codePointCount(0, sql.length()));
        return sql.substring(0, sql.offsetByCodePoints(0, characters));
    }
}
