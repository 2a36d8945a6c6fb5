package org.stoa.vm.hub.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.Candidates;
import org.stoa.vm.hub.Host;
import org.stoa.vm.hub.internal.VmHub;

/**
 * Completes a spoke id with the spokes the hub knows. It reads the hub's records, not
 * {@code VmHosting.spokes()}, which asks every online spoke for its capacity: too slow for a tab.
 */
@Service
public class SpokeIdCompleter implements Completer {

    @Reference(optional = true)
    VmHub hub;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Candidates.complete(session, commandLine, candidates,
                () -> hub == null ? List.of() : hub.hosts().stream().map(Host::id).toList());
    }
}
