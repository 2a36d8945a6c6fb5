package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.internal.VmHub;

@Command(scope = "account", name = "ssh-key-add", description = "Add an SSH public key to an account")
@Service
public class AddSshKey extends HubCommand {

    @Argument(index = 0, name = "EMAIL", required = true, description = "the account")
    String email;

    @Argument(index = 1, name = "NAME", required = true, description = "a name for the key")
    String name;

    @Argument(index = 2, name = "KEY", required = true, description = "the public key, e.g. \"ssh-ed25519 AAAA... me@laptop\"")
    String key;

    @Reference(optional = true)
    VmHub hub;

    @Override
    void run(VmHosting hosting) throws HubException {
        hub.addSshKey(email, name, key);
        System.out.println("SSH key " + name + " added to " + email + ".");
    }
}
