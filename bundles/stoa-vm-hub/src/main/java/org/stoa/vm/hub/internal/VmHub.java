package org.stoa.vm.hub.internal;

import java.util.List;
import java.util.Optional;

import org.stoa.vm.hub.Account;
import org.stoa.vm.hub.Assignment;
import org.stoa.vm.hub.Host;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.Operation;
import org.stoa.vm.hub.OperationKind;
import org.stoa.vm.hub.OsImage;
import org.stoa.vm.hub.SshKey;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmSize;
import org.stoa.vm.hub.VmState;

/**
 * The hub's door: accounts, the catalog, spokes, operations and VMs. Every method is one
 * transaction; a {@link HubException} means nothing was changed.
 */
public interface VmHub {

    /** A new account; the address is stored in lower case. */
    Account createAccount(String email) throws HubException;

    Optional<Account> account(String email) throws HubException;

    SshKey addSshKey(String email, String name, String content) throws HubException;

    List<SshKey> sshKeys(String email) throws HubException;

    /** Removes the account's key of that name; refused when it has none. */
    void removeSshKey(String email, String name) throws HubException;

    List<VmSize> sizes() throws HubException;

    /** The images new VMs may use: deprecated ones left out. */
    List<OsImage> images() throws HubException;

    /** Registers a spoke; {@code token} authenticates both directions between hub and spoke. */
    Host registerHost(String id, String httpsUrl, String token) throws HubException;

    /** True when some spoke holds {@code token}: what is checked before a spoke's request is read. */
    boolean isSpokeToken(String token) throws HubException;

    /** True when {@code token} is the spoke's token; compared in constant time. */
    boolean authenticate(String hostId, String token) throws HubException;

    /** The token the hub presents when calling the spoke. */
    String spokeToken(String hostId) throws HubException;

    /** Records a heartbeat: the spoke is online for the next heartbeat window. */
    Host heartbeat(String hostId) throws HubException;

    List<Host> hosts() throws HubException;

    List<Host> onlineHosts() throws HubException;

    /** A new VM for {@code email}: offered to every online spoke, whichever claims it first makes it. */
    Operation dispatchCreate(String email, String os, String size, String payload) throws HubException;

    /** {@code get}, {@code destroy}, {@code start} or {@code stop} of a VM: assigned to the spoke it lives on. */
    Operation dispatchToOwner(OperationKind kind, String vmId, String payload) throws HubException;

    /** {@code list} or {@code capacity}: assigned to every online spoke. */
    Operation dispatchToAll(OperationKind kind, String payload) throws HubException;

    /**
     * A spoke's claim of a create it was offered. Exactly one claim per create wins, however
     * many spokes race; the winner's VM row is recorded with the claim. False: lost.
     */
    boolean claim(long operationId, String hostId) throws HubException;

    /** A spoke's results for an operation assigned to it. */
    void complete(long operationId, String hostId, String results) throws HubException;

    List<Assignment> assignments(long operationId) throws HubException;

    /**
     * Ends a create's offer round: offers nobody claimed become lost, so a spoke answering late
     * can no longer claim it. Returns how many offers that closed.
     */
    int closeOffers(long operationId) throws HubException;

    Optional<Operation> operation(long id) throws HubException;

    /** What a VM's own spoke reports about it; an address left null keeps the last one seen. */
    void recordVm(String vmId, String hostId, VmState state, String ipv4, String ipv6) throws HubException;

    /** The account's VMs, deleted ones left out. */
    List<Vm> vms(String email) throws HubException;

    /** The VM, even when deleted. */
    Optional<Vm> vm(String id) throws HubException;

    /** Marks the VM deleted; its row stays, so its id is never reused. */
    void deleteVm(String email, String vmId) throws HubException;

    /** Every VM that is not deleted, of every account, oldest first. */
    List<Vm> allVms() throws HubException;

    /** Forgets a spoke that holds no VM; refused, naming them, while it does. */
    void removeHost(String id) throws HubException;
}
