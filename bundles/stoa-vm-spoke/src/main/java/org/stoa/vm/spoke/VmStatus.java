package org.stoa.vm.spoke;

import java.util.List;

/** A VM as the hypervisor sees it now; the addresses are known only while it runs. */
public record VmStatus(String id, VmState state, List<String> ipv4, List<String> ipv6) {

    public VmStatus {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
    }
}
