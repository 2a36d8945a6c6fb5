package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "vm", name = "destroy", description = "Delete a VM from its spoke, disks included, and mark it deleted")
@Service
public class DestroyVm extends HubCommand {

    @Completion(VmIdCompleter.class)
    @Argument(index = 0, name = "ID", required = true, description = "the VM id, capsul-...")
    String id;

    @Override
    void run(VmHosting hub) throws HubException {
        hub.destroy(id);
        System.out.println("VM " + id + " destroyed.");
    }
}
