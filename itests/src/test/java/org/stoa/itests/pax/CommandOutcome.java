package org.stoa.itests.pax;

import java.util.Optional;

/**
 * What one shell command did: the lines it printed and, if it failed, the one-line error the
 * console shows (the message of the exception the command threw).
 */
record CommandOutcome(String command, String output, Optional<String> failure) {

    /** For assertion messages: everything a developer needs to see why a check failed. */
    String describe() {
        return "> " + command + System.lineSeparator() + output
                + failure.map(f -> "[failed] " + f + System.lineSeparator()).orElse("");
    }
}
