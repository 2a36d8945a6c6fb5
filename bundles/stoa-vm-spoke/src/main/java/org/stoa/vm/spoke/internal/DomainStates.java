package org.stoa.vm.spoke.internal;

import org.libvirt.DomainInfo.DomainState;
import org.stoa.vm.spoke.VmState;

/** libvirt's domain states in the spoke's terms. */
final class DomainStates {

    private DomainStates() {
    }

    static VmState of(DomainState state) {
        return switch (state) {
            // "Blocked" is a running guest waiting on I/O.
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> VmState.RUNNING;
            case VIR_DOMAIN_PAUSED -> VmState.PAUSED;
            case VIR_DOMAIN_SHUTDOWN -> VmState.SHUTTING_DOWN;
            case VIR_DOMAIN_SHUTOFF -> VmState.STOPPED;
            case VIR_DOMAIN_CRASHED -> VmState.CRASHED;
            case VIR_DOMAIN_PMSUSPENDED -> VmState.SUSPENDED;
            case VIR_DOMAIN_NOSTATE -> VmState.UNKNOWN;
        };
    }
}
