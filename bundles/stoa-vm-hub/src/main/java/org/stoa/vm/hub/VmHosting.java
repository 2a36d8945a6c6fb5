package org.stoa.vm.hub;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What operators do with VMs, carried out through the spokes: the commands' one door to the
 * hub. Present only in the process that holds the hub role.
 */
@ProviderType
public interface VmHosting {

    /** A spoke as the hub sees it, with what it last said about itself. */
    record SpokeReport(Host host, String libvirt) {
    }

    /** Where the hub's records and the spokes disagree. */
    record CheckReport(List<String> missingOnSpokes, List<String> unknownToHub, List<String> unreachableSpokes) {

        public boolean clean() {
            return missingOnSpokes.isEmpty() && unknownToHub.isEmpty() && unreachableSpokes.isEmpty();
        }
    }

    /**
     * Creates a VM for the account with the named keys (all its keys when none are named):
     * offered to every online spoke, made by the one whose claim wins.
     */
    Vm create(String email, String size, String os, List<String> keyNames) throws HubException;

    /** The VM as its spoke reports it now (recorded), or as last recorded when the spoke is unreachable. */
    Vm refresh(String vmId) throws HubException;

    Vm start(String vmId) throws HubException;

    Vm stop(String vmId) throws HubException;

    /** Turns the VM off at once, as pulling its plug would (for one that does not shut down). */
    Vm forceStop(String vmId) throws HubException;

    /** Removes the VM from its spoke and marks it deleted. */
    void destroy(String vmId) throws HubException;

    /** The VMs of one account, or of all when {@code email} is null. */
    List<Vm> list(String email) throws HubException;

    /** Registers a spoke and returns its new token, which is shown this once. */
    String addSpoke(String id, String url) throws HubException;

    void removeSpoke(String id) throws HubException;

    List<SpokeReport> spokes() throws HubException;

    /** Compares the hub's VMs with what every spoke reports. */
    CheckReport check() throws HubException;

    /** The account of {@code email}, created on its first use (a customer's first login). */
    Account openAccount(String email) throws HubException;

    /** The VM of the account {@code email}; empty when it is another account's, deleted or unknown. */
    Optional<Vm> vmOf(String email, String vmId) throws HubException;

    List<SshKey> sshKeys(String email) throws HubException;

    /** Adds a key by the rules the spokes put keys into VMs with. */
    SshKey addSshKey(String email, String name, String content) throws HubException;

    /** Removes the account's key; VMs made with it keep it. */
    void removeSshKey(String email, String name) throws HubException;

    List<VmSize> sizes() throws HubException;

    /** The images new VMs may use. */
    List<OsImage> images() throws HubException;
}
