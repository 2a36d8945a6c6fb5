package org.stoa.shell.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.osgi.framework.BundleContext;
import org.stoa.shell.CallerFiles;
import org.stoa.shell.Failure;
import org.stoa.shell.Table;

/**
 * venueless's {@code shell_plus}: Stoa's services bound as session variables ($worlds, $tokens,
 * ...) for Gogo's method calls, with a help listing them. At the console it binds them and
 * prints the help; with {@code -c} or a FILE it runs those statements; from bin/stoa without a
 * terminal it runs what its standard input holds (the help when that is nothing).
 */
@Command(scope = "stoa", name = "shell-plus",
        description = "Binds Stoa's services as session variables ($worlds, $payments, ...) and lists them; runs -c COMMANDS or FILE with them")
@Service
public class ShellPlus implements Action {

    @Reference
    BundleContext context;

    @Reference
    Session session;

    @Option(name = "-c", aliases = "--command", description = "Statements to run with the variables bound, as typed at the console")
    String commands;

    @Argument(index = 0, name = "FILE", description = "A script to run with the variables bound; - reads standard input")
    String file;

    @Override
    public Object execute() throws Exception {
        if (commands != null && file != null) {
            throw Failure.of("give -c COMMANDS or FILE, not both");
        }
        List<SessionVariables.Bound> bound = SessionVariables.bind(context, session);
        if (commands != null) {
            Statements.run(session, commands, null, System.out);
        } else if (file != null) {
            Statements.run(session, read(file), file.equals("-") ? "line " : file + " line ", System.out);
        } else if (session.getTerminal() == null) {
            // bin/stoa from a script: no console to stay at, so the statements come on standard input.
            String input = new String(session.getKeyboard().readAllBytes(), StandardCharsets.UTF_8);
            if (input.isBlank()) {
                help(bound, System.out);
            } else {
                Statements.run(session, input, "line ", System.out);
            }
        } else {
            help(bound, System.out);
        }
        return null;
    }

    private String read(String name) throws Exception {
        if (name.equals("-")) {
            return new String(session.getKeyboard().readAllBytes(), StandardCharsets.UTF_8);
        }
        Path path = CallerFiles.resolve(session, name);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Failure.of("cannot read " + name + ": " + CallerFiles.reason(e));
        }
    }

    static void help(List<SessionVariables.Bound> bound, PrintStream out) {
        out.println("Stoa's services are bound as session variables; call their methods as Gogo does:");
        Table table = Table.separatedBy("  ").left("VARIABLE", 0).left("TYPE", 0).left("EXAMPLE", 0);
        bound.forEach(b -> table.row("$" + b.name(), b.type(), b.example()));
        table.print(out);
        List<String> missing = SessionVariables.missing(bound);
        if (!missing.isEmpty()) {
            out.println("Not on this node: " + String.join(", ", missing) + ".");
        }
        out.println("Results print as at the console. Chain calls in parentheses: (($worlds get WORLD) title).");
        out.println("WORLD is a world's id, TOKEN one from token:generate WORLD --raw. This list again: stoa:shell-plus.");
    }
}
