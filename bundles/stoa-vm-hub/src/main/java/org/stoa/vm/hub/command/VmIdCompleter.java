package org.stoa.vm.hub.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.Candidates;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmHosting;

/** Completes a VM id with the VMs the hub has recorded; nothing where this process is not the hub. */
@Service
public class VmIdCompleter implements Completer {

    @Reference(optional = true)
    VmHosting hosting;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Candidates.complete(session, commandLine, candidates,
                () -> hosting == null ? List.of() : hosting.list(null).stream().map(Vm::id).toList());
    }
}
