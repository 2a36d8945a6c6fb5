package org.stoa.vm.hub.command;

import java.util.List;

import org.stoa.vm.hub.Vm;

/** How commands print VMs: one row each, columns as capsul's admin pages show them. */
final class VmTable {

    private static final String ROW = "%-18s %-24s %-6s %-14s %-10s %-8s %-15s %s";

    private VmTable() {
    }

    static void print(List<Vm> vms) {
        System.out.println(String.format(ROW, "ID", "EMAIL", "SIZE", "OS", "SPOKE", "STATE", "IPV4", "CREATED"));
        for (Vm vm : vms) {
            System.out.println(String.format(ROW, vm.id(), vm.email(), vm.size(), vm.os(), vm.host(),
                    vm.state().dbName(), orDash(vm.lastSeenIpv4()), vm.created()));
        }
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
