package org.stoa.shell.command;

import java.io.PrintStream;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.Failure;

/**
 * Runs a script as if its lines were typed at the console: each statement as soon as it is
 * complete, its result printed as the console prints one. The first failure stops the script
 * with one line naming where it was.
 */
final class Statements {

    /**
     * How Karaf's parser, which reads a line before Gogo does, says the input so far is an
     * unfinished statement (an open brace or quote, a trailing backslash): the console then reads
     * another line, and so do we. Nothing has run yet then.
     */
    private static final String INCOMPLETE = "Eof found";

    private Statements() {
    }

    /**
     * @param where how a failure names the script's lines, e.g. {@code "setup.gogo line "}, or
     *     {@code null} for a one-line {@code -c}
     */
    static void run(Session session, String script, String where, PrintStream out) throws Exception {
        StringBuilder pending = new StringBuilder();
        int first = 0;
        String[] lines = script.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            if (pending.isEmpty()) {
                if (lines[i].isBlank()) {
                    continue;
                }
                first = i + 1;
            }
            pending.append(lines[i]).append('\n');
            Object result;
            try {
                result = session.execute(pending);
            } catch (Exception e) {
                if (e.getMessage() != null && e.getMessage().startsWith(INCOMPLETE) && i + 1 < lines.length) {
                    continue;
                }
                throw Failure.of(place(where, first) + message(e));
            }
            pending.setLength(0);
            print(session, result, out);
        }
    }

    /**
     * As the console prints a result, with Gogo's own formatting (which Karaf's session does not
     * expose), but without the blank line it leaves after a list, or for an empty one.
     */
    private static void print(Session session, Object result, PrintStream out) {
        if (result == null) {
            return;
        }
        CharSequence text = session.get(".commandSession") instanceof CommandSession gogo
                ? gogo.format(result, Converter.INSPECT) : String.valueOf(result);
        String shown = text.toString().stripTrailing();
        if (!shown.isEmpty()) {
            out.println(shown);
        }
    }

    private static String place(String where, int line) {
        return where == null ? "" : where + line + ": ";
    }

    private static String message(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // One line, as every Stoa command fails: the first line of a multi-line message.
        return message.strip().lines().findFirst().orElse(message);
    }
}
