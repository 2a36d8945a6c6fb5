package org.stoa.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns bin/stoa's arguments into one line for the Karaf shell: each argument stays one
 * argument whatever it holds, and file arguments are made absolute because the server does not
 * share the caller's working directory.
 */
final class CommandLine {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_:./=@%+,-]+");

    private CommandLine() {
    }

    static String of(List<String> args, Path workingDirectory) {
        StringBuilder line = new StringBuilder(args.get(0));
        boolean fileValueNext = false;
        for (String arg : args.subList(1, args.size())) {
            String value = arg;
            if ((fileValueNext && !arg.equals("-")) || looksLikeLocalFile(arg, workingDirectory)) {
                value = workingDirectory.resolve(arg).toAbsolutePath().normalize().toString();
            }
            fileValueNext = arg.equals("-f") || arg.equals("--file");
            line.append(' ').append(quote(value));
        }
        return line.toString();
    }

    private static boolean looksLikeLocalFile(String arg, Path workingDirectory) {
        if (arg.startsWith("-") || arg.isEmpty() || Path.of(arg).isAbsolute() || arg.contains("\n")) {
            return false;
        }
        try {
            return Files.isRegularFile(workingDirectory.resolve(arg));
        } catch (RuntimeException invalidPath) {
            return false;
        }
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
