package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.OsImage;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.internal.VmHub;
import org.stoa.shell.Table;

@Command(scope = "vm", name = "images", description = "List the OS images new VMs may use")
@Service
public class ListImages extends HubCommand {

    @Reference(optional = true)
    VmHub hub;

    @Override
    void run(VmHosting hosting) throws HubException {
        Table table = Table.separatedBy(" ").left("ID", 14).left("TEMPLATE", 28).left("DESCRIPTION", 0);
        for (OsImage i : hub.images()) {
            table.row(i.id(), i.templateImageFileName(), i.description());
        }
        table.print(System.out);
    }
}
