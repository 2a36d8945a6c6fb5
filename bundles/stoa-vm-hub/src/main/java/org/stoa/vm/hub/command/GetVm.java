package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "vm", name = "get", description = "Ask the VM's spoke for its state and addresses, and show them")
@Service
public class GetVm extends HubCommand {

    @Completion(VmIdCompleter.class)
    @Argument(index = 0, name = "ID", required = true, description = "the VM id, capsul-...")
    String id;

    @Override
    void run(VmHosting hub) throws HubException {
        VmTable.describe(hub.refresh(id));
    }
}
