package org.stoa.vm.hub.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmHosting;

@Command(scope = "vm", name = "create", description = "Create a VM on whichever online spoke claims it")
@Service
public class CreateVm extends HubCommand {

    @Option(name = "--email", required = true, description = "the account")
    String email;

    @Option(name = "--size", required = true, description = "a size from vm:sizes")
    String size;

    @Option(name = "--os", required = true, description = "an image from vm:images")
    String os;

    @Option(name = "--ssh-key", multiValued = true, description = "name of the account's key to install; default all")
    List<String> keys;

    @Override
    void run(VmHosting hub) throws HubException {
        Vm vm = hub.create(email, size, os, keys == null ? List.of() : keys);
        System.out.println("VM " + vm.id() + " created on spoke " + vm.host() + ": " + vm.state().dbName()
                + (vm.lastSeenIpv4() == null ? "" : ", " + vm.lastSeenIpv4()));
    }
}
