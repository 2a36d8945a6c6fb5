package org.stoa.vm.hub.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.stoa.db.Transactions;
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
import org.stoa.vm.spoke.keys.SshPublicKeys;

/**
 * The hub: validation and transactions over the repositories. Input is checked here so the
 * operator gets a sentence; the schema's constraints hold the same rules for everything else.
 */
final class VmHubImpl implements VmHub {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_@:. -]{1,64}");
    private static final Pattern HOST_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern HTTP_URL = Pattern.compile("(https?)://([^/\\s]+)\\S*");
    /** Hosts that name this machine: plain http to them never crosses a network. */
    private static final Pattern LOOPBACK = Pattern.compile("(?i)(localhost|127(\\.\\d{1,3}){3}|\\[::1\\])(:\\d+)?");
    private static final int MIN_TOKEN_LENGTH = 32;

    private final Transactions<HubException> transactions;
    private final AccountRepository accounts = new AccountRepository();
    private final CatalogRepository catalog = new CatalogRepository();
    private final HostRepository hosts;
    private final OperationRepository operations = new OperationRepository();
    private final VmRepository vms = new VmRepository();
    private final VmIds vmIds = new VmIds();

    /** {@code heartbeatWindow}: how long after its last heartbeat a spoke still counts as online. */
    VmHubImpl(DataSource database, Duration heartbeatWindow) {
        this.transactions = new Transactions<>(database, HubException::new);
        this.hosts = new HostRepository(heartbeatWindow);
    }

    @Override
    public Account createAccount(String email) throws HubException {
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            throw new HubException("not an email address: " + email);
        }
        return transactions.inTransaction(c -> accounts.insert(c, address)
                .orElseThrow(() -> new HubException("account " + address + " already exists")));
    }

    @Override
    public Optional<Account> account(String email) throws HubException {
        return transactions.inTransaction(c -> accounts.account(c, normalized(email)));
    }

    @Override
    public SshKey addSshKey(String email, String name, String content) throws HubException {
        if (name == null || !KEY_NAME.matcher(name).matches()) {
            throw new HubException("an SSH key name is 1 to 64 letters, digits, spaces or _@:.- (got: " + name + ")");
        }
        String key = content == null ? "" : content.strip();
        // The spoke's own rule: a key accepted here is never refused when a VM is made with it.
        Optional<String> problem = SshPublicKeys.problem(key);
        if (problem.isPresent()) {
            throw new HubException("SSH key " + name + " is not an OpenSSH public key: " + problem.get());
        }
        return transactions.inTransaction(c -> {
            String address = existingAccount(c, email);
            return accounts.insertKey(c, address, name, key).orElseThrow(
                    () -> new HubException("account " + address + " already has an SSH key named " + name));
        });
    }

    @Override
    public List<SshKey> sshKeys(String email) throws HubException {
        return transactions.inTransaction(c -> accounts.keys(c, existingAccount(c, email)));
    }

    @Override
    public void removeSshKey(String email, String name) throws HubException {
        transactions.inTransaction(c -> {
            String address = existingAccount(c, email);
            if (!accounts.deleteKey(c, address, name)) {
                throw new HubException("account " + address + " has no SSH key named " + name);
            }
            return null;
        });
    }

    @Override
    public List<VmSize> sizes() throws HubException {
        return transactions.inTransaction(catalog::sizes);
    }

    @Override
    public List<OsImage> images() throws HubException {
        return transactions.inTransaction(c -> catalog.images(c, false));
    }

    @Override
    public Host registerHost(String id, String httpsUrl, String token) throws HubException {
        if (id == null || !HOST_ID.matcher(id).matches()) {
            throw new HubException("a host id is lower-case letters, digits and dashes, at most 63 (got: " + id + ")");
        }
        if (!isSpokeUrl(httpsUrl)) {
            throw new HubException("host " + id + " needs an https:// URL (http:// only on this machine) (got: " + httpsUrl + ")");
        }
        if (token == null || token.length() < MIN_TOKEN_LENGTH) {
            throw new HubException("the token of host " + id + " must be at least " + MIN_TOKEN_LENGTH + " characters");
        }
        return transactions.inTransaction(c -> {
            if (!hosts.insert(c, id, httpsUrl, token)) {
                throw new HubException("host " + id + " or the URL " + httpsUrl + " is already registered");
            }
            return hosts.host(c, id).orElseThrow();
        });
    }

    /** The hub sends the spoke's token with every call: in clear only where no network carries it. */
    private static boolean isSpokeUrl(String url) {
        Matcher m = url == null ? null : HTTP_URL.matcher(url);
        return m != null && m.matches() && (m.group(1).equals("https") || LOOPBACK.matcher(m.group(2)).matches());
    }

    @Override
    public boolean isSpokeToken(String token) throws HubException {
        return transactions.inTransaction(c -> hosts.anyHolds(c, token));
    }

    @Override
    public boolean authenticate(String hostId, String token) throws HubException {
        return transactions.inTransaction(c -> hosts.authenticate(c, hostId, token));
    }

    @Override
    public String spokeToken(String hostId) throws HubException {
        return transactions.inTransaction(c -> hosts.token(c, hostId).orElseThrow(() -> noHost(hostId)));
    }

    @Override
    public Host heartbeat(String hostId) throws HubException {
        return transactions.inTransaction(c -> {
            if (!hosts.heartbeat(c, hostId)) {
                throw noHost(hostId);
            }
            return hosts.host(c, hostId).orElseThrow();
        });
    }

    @Override
    public List<Host> hosts() throws HubException {
        return transactions.inTransaction(hosts::hosts);
    }

    @Override
    public List<Host> onlineHosts() throws HubException {
        return transactions.inTransaction(hosts::online);
    }

    @Override
    public Operation dispatchCreate(String email, String os, String size, String payload) throws HubException {
        return transactions.inTransaction(c -> {
            String address = existingAccount(c, email);
            if (catalog.image(c, os).filter(image -> !image.deprecated()).isEmpty()) {
                throw new HubException("no OS image " + os + " for new VMs");
            }
            if (catalog.size(c, size).isEmpty()) {
                throw new HubException("no VM size " + size);
            }
            List<String> online = onlineHostIds(c);
            Operation create = operations.insert(c, address, OperationKind.CREATE, vmIds.next(), os, size,
                    jsonOrEmpty(payload));
            operations.offer(c, create.id(), online);
            return create;
        });
    }

    @Override
    public Operation dispatchToOwner(OperationKind kind, String vmId, String payload) throws HubException {
        if (!kind.aboutOneVm() || kind == OperationKind.CREATE) {
            throw new HubException(kind.dbName() + " is not an operation on an existing VM");
        }
        return transactions.inTransaction(c -> {
            Vm vm = vms.vm(c, vmId).filter(v -> v.deleted() == null)
                    .orElseThrow(() -> new HubException("no VM " + vmId));
            if (!hosts.host(c, vm.host()).orElseThrow().online()) {
                throw new HubException("spoke " + vm.host() + " of " + vmId + " is offline");
            }
            Operation operation = operations.insert(c, vm.email(), kind, vmId, null, null, jsonOrEmpty(payload));
            operations.assign(c, operation.id(), List.of(vm.host()));
            return operation;
        });
    }

    @Override
    public Operation dispatchToAll(OperationKind kind, String payload) throws HubException {
        if (kind.aboutOneVm()) {
            throw new HubException(kind.dbName() + " is an operation on one VM, not on every spoke");
        }
        return transactions.inTransaction(c -> {
            List<String> online = onlineHostIds(c);
            Operation operation = operations.insert(c, null, kind, null, null, null, jsonOrEmpty(payload));
            operations.assign(c, operation.id(), online);
            return operation;
        });
    }

    @Override
    public boolean claim(long operationId, String hostId) throws HubException {
        return transactions.inTransaction(c -> operations.claim(c, operationId, hostId));
    }

    @Override
    public void complete(long operationId, String hostId, String results) throws HubException {
        transactions.inTransaction(c -> {
            if (!operations.complete(c, operationId, hostId, jsonOrEmpty(results))) {
                throw new HubException("operation " + operationId + " is not assigned to " + hostId
                        + " or is already completed");
            }
            return null;
        });
    }

    @Override
    public int closeOffers(long operationId) throws HubException {
        return transactions.inTransaction(c -> operations.closeOffers(c, operationId));
    }

    @Override
    public List<Assignment> assignments(long operationId) throws HubException {
        return transactions.inTransaction(c -> operations.assignments(c, operationId));
    }

    @Override
    public Optional<Operation> operation(long id) throws HubException {
        return transactions.inTransaction(c -> operations.operation(c, id));
    }

    @Override
    public void recordVm(String vmId, String hostId, VmState state, String ipv4, String ipv6) throws HubException {
        transactions.inTransaction(c -> {
            if (!vms.record(c, vmId, hostId, state, ipv4, ipv6)) {
                throw new HubException(vmId + " is not a VM on " + hostId);
            }
            return null;
        });
    }

    @Override
    public List<Vm> vms(String email) throws HubException {
        return transactions.inTransaction(c -> vms.vms(c, existingAccount(c, email)));
    }

    @Override
    public Optional<Vm> vm(String id) throws HubException {
        return transactions.inTransaction(c -> vms.vm(c, id));
    }

    @Override
    public void deleteVm(String email, String vmId) throws HubException {
        transactions.inTransaction(c -> {
            String address = existingAccount(c, email);
            if (!vms.softDelete(c, address, vmId)) {
                throw new HubException("account " + address + " has no VM " + vmId);
            }
            return null;
        });
    }

    private String existingAccount(Connection c, String email) throws SQLException, HubException {
        String address = normalized(email);
        if (accounts.account(c, address).isEmpty()) {
            throw new HubException("no account " + address);
        }
        return address;
    }

    private List<String> onlineHostIds(Connection c) throws SQLException, HubException {
        List<String> online = hosts.online(c).stream().map(Host::id).toList();
        if (online.isEmpty()) {
            throw new HubException("no spoke is online");
        }
        return online;
    }

    private static String normalized(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static HubException noHost(String hostId) {
        return new HubException("no host " + hostId);
    }

    private static String jsonOrEmpty(String json) {
        return json == null || json.isBlank() ? "{}" : json;
    }

    @Override
    public List<Vm> allVms() throws HubException {
        return transactions.inTransaction(vms::all);
    }

    @Override
    public void removeHost(String id) throws HubException {
        transactions.inTransaction(c -> {
            List<String> onIt = vms.all(c).stream().filter(v -> v.host().equals(id)).map(Vm::id).toList();
            if (!onIt.isEmpty()) {
                throw new HubException("spoke " + id + " still holds " + String.join(", ", onIt) + "; destroy them first");
            }
            if (!hosts.remove(c, id)) {
                throw new HubException("no spoke " + id);
            }
            return null;
        });
    }
}
