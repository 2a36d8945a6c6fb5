package org.stoa.vm.spoke.internal;

/**
 * Where a spoke keeps its VMs: the libvirt URI ({@code qemu:///system} in production), the
 * storage pool holding the OS templates and the VMs' volumes, the network the VMs join, and the
 * memory (MiB) kept free for the host itself (negative: chosen from the host's size).
 */
public record LibvirtSettings(String uri, String pool, String network, int reservedMemoryMb) {

    /** The pool name a spoke uses unless configured otherwise. */
    public static final String DEFAULT_POOL = "default";
}
