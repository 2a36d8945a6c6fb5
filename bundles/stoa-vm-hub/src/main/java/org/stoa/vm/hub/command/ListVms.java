package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "vm", name = "list", description = "List VMs as the hub last recorded them")
@Service
public class ListVms extends HubCommand {

    @Option(name = "--email", description = "only this account's VMs")
    String email;

    @Override
    void run(VmHosting hub) throws HubException {
        VmTable.print(hub.list(email));
    }
}
