package org.stoa.cli;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns bin/stoa's arguments into one line for the Karaf shell: each argument stays one
 * argument whatever it holds. File names travel as typed; the commands resolve them against the
 * caller's working directory, which the client sends along (see StoaClient).
 */
final class CommandLine {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:./=@%+,-]+");

    private CommandLine() {
    }

    static String of(List<String> args) {
        StringBuilder line = new StringBuilder(args.get(0));
        for (String arg : args.subList(1, args.size())) {
            line.append(' ').append(quote(arg));
        }
        return line.toString();
    }

    /** Gogo's double quotes, with the characters it would otherwise interpret escaped. */
    static String quote(String arg) {
        if (PLAIN.matcher(arg).matches()) {
            return arg;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : arg.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
