package org.stoa.vm.hub.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.stoa.shell.ShellVariable;
import org.stoa.vm.hub.Account;
import org.stoa.vm.hub.Host;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.OperationKind;
import org.stoa.vm.hub.Operation;
import org.stoa.vm.hub.OsImage;
import org.stoa.vm.hub.SshKey;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.VmSize;
import org.stoa.vm.hub.VmState;

/**
 * Carries operators' VM requests out on the spokes and records what they report. It exists
 * only while {@link VmHub} does, that is while this process holds the hub lock.
 */
@Component(service = VmHosting.class, property = {
        ShellVariable.NAME + "=hub", ShellVariable.EXAMPLE + "=$hub spokes"})
public class HubService implements VmHosting {

    private static final String TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final VmHub hub;
    private final SpokeClients spokes;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public HubService(@Reference VmHub hub) {
        this.hub = hub;
        this.spokes = new SpokeClients(hub);
    }

    @Override
    public Vm create(String email, String size, String os, List<String> keyNames) throws HubException {
        List<String> keys = keys(email, keyNames);
        VmSize vmSize = hub.sizes().stream().filter(s -> s.id().equals(size)).findFirst()
                .orElseThrow(() -> new HubException("no VM size " + size + " (see vm:sizes)"));
        OsImage image = hub.images().stream().filter(i -> i.id().equals(os)).findFirst()
                .orElseThrow(() -> new HubException("no OS image " + os + " (see vm:images)"));
        ObjectNode payload = SpokeClient.JSON.createObjectNode();
        keyNames.forEach(payload.putArray("ssh_key_names")::add);
        Operation operation = hub.dispatchCreate(email, os, size, payload.toString());
        ObjectNode request = SpokeClient.JSON.createObjectNode().put("operation_id", operation.id())
                .put("id", operation.vmId()).put("vcpus", vmSize.vcpus()).put("memory_mb", vmSize.memoryMb())
                .put("template", image.templateImageFileName());
        keys.forEach(request.putArray("ssh_keys")::add);
        return offer(operation, request.toString());
    }

    /** Offers the create to every spoke it was dispatched to at once; the claim decides who makes it. */
    private Vm offer(Operation operation, String request) throws HubException {
        Map<String, String> refusals = new ConcurrentHashMap<>();
        List<CompletableFuture<JsonNode>> answers = new ArrayList<>();
        List<String> offered = hub.assignments(operation.id()).stream().map(a -> a.host()).toList();
        for (String host : offered) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    JsonNode answer = client(host).offerCreate(request);
                    if (answer.path("claimed").asBoolean()) {
                        hub.complete(operation.id(), host, answer.toString());
                    } else {
                        refusals.put(host, answer.path("reason").asText("declined"));
                    }
                    return answer;
                } catch (HubException e) {
                    refusals.put(host, e.getMessage());
                    return null;
                }
            }));
        }
        answers.forEach(CompletableFuture::join);
        // Every offer has been answered (or timed out): a claim arriving after this must lose.
        hub.closeOffers(operation.id());
        Optional<Vm> made = hub.vm(operation.vmId());
        if (made.isEmpty()) {
            throw new HubException("no spoke took " + operation.vmId() + ": " + describe(refusals));
        }
        Vm vm = made.get();
        JsonNode status = answers.get(offered.indexOf(vm.host())).join();
        if (status == null || !status.has("status")) {
            // The winner claimed but could not make it: keep the record's history, not a live VM.
            hub.recordVm(vm.id(), vm.host(), VmState.FAILED, null, null);
            hub.deleteVm(vm.email(), vm.id());
            HubException failure = new HubException("spoke " + vm.host() + " claimed " + vm.id()
                    + " but could not create it: " + refusals.getOrDefault(vm.host(), "no reason given"));
            if (status == null) {
                closeFailed(operation, vm.host(), failure);
            }
            throw failure;
        }
        return record(vm, status.get("status"));
    }

    @Override
    public Vm refresh(String vmId) throws HubException {
        Vm vm = live(vmId);
        JsonNode status = client(vm.host()).get(vmId);
        if (status == null) {
            throw new HubException(vmId + " is missing on its spoke " + vm.host() + " (see vm:check)");
        }
        return record(vm, status);
    }

    @Override
    public Vm start(String vmId) throws HubException {
        return act(vmId, OperationKind.START, "start");
    }

    @Override
    public Vm stop(String vmId) throws HubException {
        return act(vmId, OperationKind.STOP, "stop");
    }

    @Override
    public Vm forceStop(String vmId) throws HubException {
        return act(vmId, OperationKind.STOP, "force-stop");
    }

    @Override
    public void destroy(String vmId) throws HubException {
        Vm vm = live(vmId);
        Operation operation = hub.dispatchToOwner(OperationKind.DESTROY, vmId, "{}");
        onSpoke(operation, vm.host(), spoke -> {
            spoke.destroy(vmId);
            return null;
        });
        hub.complete(operation.id(), vm.host(), "{\"destroyed\": true}");
        hub.deleteVm(vm.email(), vmId);
    }

    @Override
    public List<Vm> list(String email) throws HubException {
        return email == null ? hub.allVms() : hub.vms(email);
    }

    @Override
    public String addSpoke(String id, String url) throws HubException {
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 48; i++) {
            token.append(TOKEN_ALPHABET.charAt(random.nextInt(TOKEN_ALPHABET.length())));
        }
        hub.registerHost(id, url, token.toString());
        return token.toString();
    }

    @Override
    public void removeSpoke(String id) throws HubException {
        hub.removeHost(id);
    }

    @Override
    public List<SpokeReport> spokes() throws HubException {
        List<VmSize> sizes = hub.sizes();
        List<SpokeReport> reports = new ArrayList<>();
        for (Host host : hub.hosts()) {
            reports.add(new SpokeReport(host, capacity(host, sizes)));
        }
        return reports;
    }

    @Override
    public CheckReport check() throws HubException {
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        List<Vm> vms = hub.allVms();
        for (Host host : hub.hosts()) {
            Set<String> recorded = vms.stream().filter(v -> v.host().equals(host.id())).map(Vm::id)
                    .collect(Collectors.toSet());
            Set<String> reported = new HashSet<>();
            try {
                spokes.of(host).list().path("vms").forEach(id -> reported.add(id.asText()));
            } catch (HubException e) {
                unreachable.add(host.id() + " (" + e.getMessage() + "; its VMs " + recorded + " are unreachable)");
                continue;
            }
            recorded.stream().filter(id -> !reported.contains(id)).sorted().map(id -> id + " on " + host.id())
                    .forEach(missing::add);
            reported.stream().filter(id -> !recorded.contains(id)).sorted().map(id -> id + " on " + host.id())
                    .forEach(unknown::add);
        }
        return new CheckReport(missing, unknown, unreachable);
    }

    @Override
    public Account openAccount(String email) throws HubException {
        Optional<Account> known = hub.account(email);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            return hub.createAccount(email);
        } catch (HubException e) {
            // Two first logins at once: the other one made it.
            return hub.account(email).orElseThrow(() -> e);
        }
    }

    @Override
    public Optional<Vm> vmOf(String email, String vmId) throws HubException {
        Optional<Account> account = hub.account(email);
        return account.isEmpty() ? Optional.empty()
                : hub.vm(vmId).filter(v -> v.deleted() == null && v.email().equals(account.get().email()));
    }

    @Override
    public List<SshKey> sshKeys(String email) throws HubException {
        return hub.sshKeys(email);
    }

    @Override
    public SshKey addSshKey(String email, String name, String content) throws HubException {
        return hub.addSshKey(email, name, content);
    }

    @Override
    public void removeSshKey(String email, String name) throws HubException {
        hub.removeSshKey(email, name);
    }

    @Override
    public List<VmSize> sizes() throws HubException {
        return hub.sizes();
    }

    @Override
    public List<OsImage> images() throws HubException {
        return hub.images();
    }

    private Vm act(String vmId, OperationKind kind, String action) throws HubException {
        Vm vm = live(vmId);
        Operation operation = hub.dispatchToOwner(kind, vmId, "{}");
        JsonNode status = onSpoke(operation, vm.host(), spoke -> spoke.act(vmId, action));
        hub.complete(operation.id(), vm.host(), status.toString());
        return record(vm, status);
    }

    /** One call to the spoke an operation is assigned to. */
    private interface SpokeCall<T> {
        T on(SpokeClient spoke) throws HubException;
    }

    /** Makes the operation's call to its spoke; a call that fails still ends the operation. */
    private <T> T onSpoke(Operation operation, String host, SpokeCall<T> call) throws HubException {
        try {
            return call.on(client(host));
        } catch (HubException e) {
            closeFailed(operation, host, e);
            throw e;
        }
    }

    /** Ends an operation whose spoke call failed, with the reason as its result. */
    private void closeFailed(Operation operation, String host, HubException failure) {
        try {
            hub.complete(operation.id(), host, JsonNodeFactory.instance.objectNode().put("error", failure.getMessage()).toString());
        } catch (HubException e) {
            failure.addSuppressed(e);
        }
    }

    private Vm record(Vm vm, JsonNode status) throws HubException {
        hub.recordVm(vm.id(), vm.host(), state(status.path("state").asText()), first(status.path("ipv4")),
                first(status.path("ipv6")));
        return hub.vm(vm.id()).orElseThrow();
    }

    private Vm live(String vmId) throws HubException {
        return hub.vm(vmId).filter(v -> v.deleted() == null).orElseThrow(() -> new HubException("no VM " + vmId));
    }

    private List<String> keys(String email, List<String> names) throws HubException {
        List<SshKey> all = hub.sshKeys(email);
        if (all.isEmpty()) {
            throw new HubException(email + " has no SSH keys; add one with account:ssh-key-add");
        }
        if (names.isEmpty()) {
            return all.stream().map(SshKey::content).toList();
        }
        List<String> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(all.stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> new HubException(email + " has no SSH key named " + name)).content());
        }
        return chosen;
    }

    /** The largest size that fits on the spoke now, or why that cannot be known. */
    private String capacity(Host host, List<VmSize> sizes) {
        if (!host.online()) {
            return "offline";
        }
        try {
            SpokeClient client = spokes.of(host);
            String fits = "none";
            for (VmSize size : sizes) {
                if (client.fits(size.memoryMb())) {
                    fits = size.id();
                }
            }
            return "fits up to " + fits;
        } catch (HubException e) {
            return e.getMessage();
        }
    }

    private SpokeClient client(String hostId) throws HubException {
        return spokes.of(hostId);
    }

    private static VmState state(String spokeState) {
        return switch (spokeState) {
            case "running" -> VmState.RUNNING;
            case "crashed" -> VmState.CRASHED;
            default -> VmState.STOPPED;
        };
    }

    private static String first(JsonNode addresses) {
        return addresses.isArray() && addresses.size() > 0 ? addresses.get(0).asText() : null;
    }

    private static String describe(Map<String, String> refusals) {
        if (refusals.isEmpty()) {
            return "no spoke answered";
        }
        return refusals.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }
}
