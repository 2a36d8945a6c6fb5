package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "spoke", name = "remove", description = "Forget a spoke that holds no VM")
@Service
public class RemoveSpoke extends HubCommand {

    @Completion(SpokeIdCompleter.class)
    @Argument(index = 0, name = "ID", required = true, description = "the spoke's id")
    String id;

    @Override
    void run(VmHosting hub) throws HubException {
        hub.removeSpoke(id);
        System.out.println("Spoke " + id + " removed.");
    }
}
