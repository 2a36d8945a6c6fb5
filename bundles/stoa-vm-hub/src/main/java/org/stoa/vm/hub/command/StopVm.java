package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "vm", name = "stop", description = "Ask a VM to shut down")
@Service
public class StopVm extends HubCommand {

    @Completion(VmIdCompleter.class)
    @Argument(index = 0, name = "ID", required = true, description = "the VM id, capsul-...")
    String id;

    @Override
    void run(VmHosting hub) throws HubException {
        System.out.println("VM " + id + ": " + hub.stop(id).state().dbName() + ".");
    }
}
