package org.stoa.vm.spoke;

/** What a VM is doing, as the hypervisor reports it. */
public enum VmState {
    RUNNING,
    STOPPED,
    PAUSED,
    /** A graceful shutdown was requested and the guest has not finished it yet. */
    SHUTTING_DOWN,
    CRASHED,
    /** Suspended by the guest's power management (sleep). */
    SUSPENDED,
    /** The hypervisor does not know. */
    UNKNOWN
}
