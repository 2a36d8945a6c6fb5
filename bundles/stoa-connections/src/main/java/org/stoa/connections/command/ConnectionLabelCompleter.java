package org.stoa.connections.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.Candidates;
import org.stoa.connections.internal.NodeCounts;

/** Completes a connection filter with the labels that have open connections on some live node. */
@Service
public class ConnectionLabelCompleter implements Completer {

    @Reference
    NodeCounts nodes;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Candidates.complete(session, commandLine, candidates, () -> nodes.counts().keySet());
    }
}
