package org.stoa.cli;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns bin/stoa's arguments into one line for the Karaf shell: each argument stays one
 * argument whatever it holds. File names travel as typed; the commands resolve them against the
 * caller's working directory, which the client sends along (see StoaClient).
 */
final class CommandLine {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:./=@%+,-]+");

    /**
     * The venueless tool's two-word commands. In Karaf a scope's name alone enters that scope's
     * subshell, so {@code connections list} becomes {@code connections:list} here.
     */
    private static final Set<String> TWO_WORD = Set.of("connections list", "connections drop", "connections force_reload");

    private CommandLine() {
    }

    static String of(List<String> args) {
        int first = 1;
        String command = args.get(0);
        if (args.size() > 1 && TWO_WORD.contains(command + " " + args.get(1))) {
            command = command + ":" + args.get(1);
            first = 2;
        }
        StringBuilder line = new StringBuilder(command);
        for (String arg : args.subList(first, args.size())) {
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
