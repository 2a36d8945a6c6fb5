package org.stoa.vm.hub.command;

import java.util.List;

import org.stoa.vm.hub.Vm;
import org.stoa.shell.Table;

/** How commands print VMs: one row each, columns as capsul's admin pages show them. */
final class VmTable {

    private VmTable() {
    }

    static void print(List<Vm> vms) {
        Table table = Table.separatedBy(" ").left("ID", 18).left("EMAIL", 24).left("SIZE", 6).left("OS", 14)
                .left("SPOKE", 10).left("STATE", 8).left("IPV4", 15).left("CREATED", 0);
        for (Vm vm : vms) {
            table.row(vm.id(), vm.email(), vm.size(), vm.os(), vm.host(), vm.state().dbName(), orDash(vm.lastSeenIpv4()),
                    vm.created());
        }
        table.print(System.out);
    }

    static void describe(Vm vm) {
        System.out.println("id:      " + vm.id());
        System.out.println("email:   " + vm.email());
        System.out.println("size:    " + vm.size());
        System.out.println("os:      " + vm.os());
        System.out.println("spoke:   " + vm.host());
        System.out.println("state:   " + vm.state().dbName());
        System.out.println("ipv4:    " + orDash(vm.lastSeenIpv4()));
        System.out.println("ipv6:    " + orDash(vm.lastSeenIpv6()));
        System.out.println("created: " + vm.created());
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
