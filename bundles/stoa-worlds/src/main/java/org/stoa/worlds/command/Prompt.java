package org.stoa.worlds.command;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.shell.Failure;

/**
 * Asks the operator a question and reads one line of answer. At the Karaf console the
 * session's line editor reads it; through {@code bin/stoa} (an SSH exec channel, where the
 * session cannot edit lines) the answer is read from the forwarded input as it comes.
 */
final class Prompt {

    private final Session session;
    private final PrintStream out;

    Prompt(Session session, PrintStream out) {
        this.session = session;
        this.out = out;
    }

    /** The answer, trimmed; fails when the input ends first, since nothing may be made half-asked. */
    String ask(String question) throws CommandException {
        String answer;
        try {
            answer = session.getTerminal() != null ? lineEditor(question) : rawLine(question);
        } catch (IOException e) {
            throw Failure.of("cannot read the answer: " + e.getMessage());
        }
        if (answer == null) {
            throw Failure.of("no answer to \"" + question.trim() + "\": input ended; nothing was changed");
        }
        return answer.trim();
    }

    private String lineEditor(String question) throws IOException {
        try {
            return session.readLine(question, null);
        } catch (UnsupportedOperationException headless) {
            return rawLine(question);
        }
    }

    private String rawLine(String question) throws IOException {
        out.print(question);
        out.flush();
        InputStream in = session.getKeyboard();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
