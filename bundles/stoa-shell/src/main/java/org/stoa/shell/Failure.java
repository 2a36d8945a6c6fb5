package org.stoa.shell;

import org.apache.karaf.shell.support.CommandException;

/** A command's user-facing failure: one line on the console, a non-zero exit status. */
public final class Failure {

    private Failure() {
    }

    public static CommandException of(String line) {
        // The two-argument form prints the first argument verbatim: no "Error executing command", no colours.
        return new CommandException(line, line);
    }
}
