package org.stoa.connections.command;

import java.sql.SQLException;
import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.stoa.connections.internal.NodeCounts;

/** Completes a connection filter with the labels that have open connections on some live node. */
@Service
public class ConnectionLabelCompleter implements Completer {

    @Reference
    NodeCounts nodes;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter labels = new StringsCompleter(true);
        try {
            labels.getStrings().addAll(nodes.counts().keySet());
        } catch (SQLException e) {
            // Completion offers nothing rather than an error mid-typing.
        }
        return labels.complete(session, commandLine, candidates);
    }
}
