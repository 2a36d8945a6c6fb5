package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.VmSize;
import org.stoa.vm.hub.internal.VmHub;
import org.stoa.shell.Table;

@Command(scope = "vm", name = "sizes", description = "List the VM sizes and their prices")
@Service
public class ListSizes extends HubCommand {

    @Reference(optional = true)
    VmHub hub;

    @Override
    void run(VmHosting hosting) throws HubException {
        Table table = Table.separatedBy(" ").left("ID", 7).right("$/MONTH", 10).right("MEMORY", 8).right("VCPUS", 6)
                .right("BANDWIDTH", 10);
        for (VmSize s : hub.sizes()) {
            table.row(s.id(), s.dollarsPerMonth().toPlainString(), s.memoryMb() + "M", s.vcpus(), s.bandwidthGbPerMonth() + "G");
        }
        table.print(System.out);
    }
}
