package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.OsImage;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.internal.VmHub;

@Command(scope = "vm", name = "images", description = "List the OS images new VMs may use")
@Service
public class ListImages extends HubCommand {

    private static final String ROW = "%-14s %-28s %s";

    @Reference(optional = true)
    VmHub hub;

    @Override
    void run(VmHosting hosting) throws HubException {
        System.out.println(String.format(ROW, "ID", "TEMPLATE", "DESCRIPTION"));
        for (OsImage i : hub.images()) {
            System.out.println(String.format(ROW, i.id(), i.templateImageFileName(), i.description()));
        }
    }
}
