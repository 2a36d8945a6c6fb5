package org.stoa.vm.hub.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmHosting;

/** Completes a VM id with the VMs the hub has recorded; nothing where this process is not the hub. */
@Service
public class VmIdCompleter implements Completer {

    @Reference(optional = true)
    VmHosting hosting;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter(true);
        if (hosting != null) {
            try {
                hosting.list(null).stream().map(Vm::id).forEach(ids.getStrings()::add);
            } catch (HubException e) {
                // Completion offers nothing rather than an error mid-typing.
            }
        }
        return ids.complete(session, commandLine, candidates);
    }
}
