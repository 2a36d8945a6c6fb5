package org.stoa.connections.command;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.connections.internal.ConnectionControl;
import org.stoa.db.Transactions;
import org.stoa.shell.Failure;
import org.stoa.shell.TrailingOptions;

/** connections:drop and connections:force-reload: the same request to every node, with another action. */
abstract class ControlCommand implements Action {

    @Reference
    ConnectionControl control;

    @Reference
    Session session;

    @Option(name = "--interval", description = "milliseconds to wait between sockets (staggered reconnects); default 0")
    String interval;

    @Completion(ConnectionLabelCompleter.class)
    @Argument(index = 0, name = "FILTER", multiValued = true,
            description = "globs over connection labels, e.g. 411b261.* or *.production; default *")
    List<String> words;

    /** "drop" or "reload". */
    abstract String action();

    /** What the summary says was done, e.g. "dropped". */
    abstract String done();

    @Override
    public Object execute() throws Exception {
        List<String> filters = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        // Options may follow the filters, as the venueless command took them.
        boolean options = false;
        for (String word : words == null ? List.<String>of() : words) {
            options |= word.startsWith("-");
            (options ? tail : filters).add(word);
        }
        TrailingOptions more = TrailingOptions.read(tail, Set.of(), Set.of("--interval"), null);
        int millis = interval(more.value("--interval", interval));
        // Progress goes straight to the console: System.out is only shown when the command ends.
        PrintStream console = session.getConsole();
        ConnectionControl.Progress outcome;
        try {
            outcome = control.run(action(), filters, millis, progress -> {
                if (millis > 0) {
                    console.println(String.format("... %d of %d connections", progress.reached(), progress.total()));
                    console.flush();
                }
            });
        } catch (IllegalArgumentException e) {
            throw Failure.of(e.getMessage());
        } catch (SQLException e) {
            throw Failure.of(Transactions.message(e));
        }
        for (var report : outcome.reports()) {
            console.println(String.format("%s (%s): %d of %d connections%s", report.node(), report.label(),
                    report.reached(), report.total(), report.done() ? "" : " (still working)"));
        }
        for (String node : outcome.silent()) {
            console.println(node + ": did not answer");
        }
        console.println(String.format("%s %d connections on %d nodes", done(), outcome.reached(),
                outcome.reports().size()));
        console.flush();
        return null;
    }

    private static int interval(String value) throws CommandException {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw Failure.of("--interval: milliseconds between 0 and " + ConnectionControl.MAX_INTERVAL_MILLIS
                    + ", not '" + value + "'");
        }
    }
}
