package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.internal.VmHub;

@Command(scope = "account", name = "create", description = "Create a VM hosting account")
@Service
public class CreateAccount extends HubCommand {

    @Argument(index = 0, name = "EMAIL", required = true, description = "the account's email address")
    String email;

    @Reference(optional = true)
    VmHub hub;

    @Override
    void run(VmHosting hosting) throws HubException {
        System.out.println("Account " + hub.createAccount(email).email() + " created.");
    }
}
