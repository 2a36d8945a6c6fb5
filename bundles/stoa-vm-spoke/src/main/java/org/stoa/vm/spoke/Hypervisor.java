package org.stoa.vm.spoke;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * This host's VMs. Every input is validated before the hypervisor sees it;
 * operations on a VM that does not exist fail with {@link SpokeException.Reason#NOT_FOUND}.
 */
@ProviderType
public interface Hypervisor {

    /** Whether a VM with this much memory (MiB) still fits beside the running ones. */
    boolean hasCapacity(int memoryMb) throws SpokeException;

    /** The ids of this host's VMs (domains named {@code capsul-…}), sorted; other domains are not ours. */
    List<String> list() throws SpokeException;

    /** The VM's state and addresses, or empty if this host has no such VM. */
    Optional<VmStatus> get(String id) throws SpokeException;

    /**
     * Creates and starts a VM: a copy-on-write disk of the template, a cloud-init seed with the
     * SSH keys, and the domain. On failure nothing of it is left behind.
     */
    void create(VmSpec spec) throws SpokeException;

    /** Stops the VM if it runs, removes it and deletes its disk and seed. */
    void destroy(String id) throws SpokeException;

    /** Starts a stopped VM; a running one is left alone. */
    void start(String id) throws SpokeException;

    /** Asks the guest to shut down (ACPI power button) and returns without waiting for it. */
    void stop(String id) throws SpokeException;

    /** Pulls the plug: stops the VM at once, as a power cut would. */
    void forceStop(String id) throws SpokeException;

    /** One line for status output: the libvirt URI and whether it is reachable, or why not. */
    String describe();

    /**
     * Adds an OS template to the storage pool: a volume named {@code name} holding the image
     * file's bytes (qcow2 or raw, as the file is). A driver that cannot upload (libvirt's test
     * driver) gets the volume with its size but no content, and the answer says so.
     */
    String addTemplate(String name, java.nio.file.Path image) throws SpokeException;
}
