package org.stoa.vm.hub.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.VmSize;
import org.stoa.vm.hub.internal.VmHub;

@Command(scope = "vm", name = "sizes", description = "List the VM sizes and their prices")
@Service
public class ListSizes extends HubCommand {

    private static final String ROW = "%-7s %10s %8s %6s %10s";

    @Reference(optional = true)
    VmHub hub;

    @Override
    void run(VmHosting hosting) throws HubException {
        System.out.println(String.format(ROW, "ID", "$/MONTH", "MEMORY", "VCPUS", "BANDWIDTH"));
        for (VmSize s : hub.sizes()) {
            System.out.println(String.format(ROW, s.id(), s.dollarsPerMonth().toPlainString(), s.memoryMb() + "M",
                    s.vcpus(), s.bandwidthGbPerMonth() + "G"));
        }
    }
}
