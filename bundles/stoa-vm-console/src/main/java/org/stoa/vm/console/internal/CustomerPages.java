package org.stoa.vm.console.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.stoa.payments.Dollars;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.payments.Statement;
import org.stoa.payments.VmUsage;
import org.stoa.vm.console.internal.Logins.Session;
import org.stoa.vm.hub.HubException;
import org.stoa.vm.hub.OsImage;
import org.stoa.vm.hub.SshKey;
import org.stoa.vm.hub.Vm;
import org.stoa.vm.hub.VmHosting;
import org.stoa.vm.hub.VmSize;

/**
 * What a logged-in customer sees and does: their VMs, creating one, one VM's page with its
 * actions, their SSH keys and their balance. Everything goes through the hub's and the
 * payments' services; a refusal is shown next to the form that caused it.
 */
final class CustomerPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern VM_ID = Pattern.compile("/console/([a-z0-9-]{1,64})");

    private final VmHosting hosting;
    private final Payments payments;
    private final Checkouts checkouts;
    private final Templates templates;

    CustomerPages(VmHosting hosting, Payments payments, Checkouts checkouts, Templates templates) {
        this.hosting = hosting;
        this.payments = payments;
        this.checkouts = checkouts;
        this.templates = templates;
    }

    void openAccount(String email) throws ConsoleException {
        try {
            hosting.openAccount(email);
        } catch (HubException e) {
            throw new ConsoleException(e.getMessage());
        }
    }

    /** False: no such page. */
    boolean serve(HttpServletRequest request, HttpServletResponse response, String base, String path, boolean post,
            Session session) throws IOException, ConsoleException {
        Map<String, Object> model = Page.model("base", base, "email", session.email(), "csrf", session.csrf(),
                "stripe", checkouts.stripe(), "btcpay", checkouts.btcpay());
        try {
            switch (path) {
                case "/", "/console", "/console/" -> {
                    if (path.equals("/console/")) {
                        console(response, model);
                    } else {
                        Page.redirect(response, base + "/console/");
                    }
                }
                case "/console/create" -> create(request, response, base, model, post);
                case "/console/ssh" -> ssh(request, response, model, post);
                case "/console/account-balance" -> balance(response, model);
                case "/payment/stripe" -> {
                    return checkouts.stripe() && pay(request, response, model, post, "stripe");
                }
                case "/payment/btcpay" -> {
                    return checkouts.btcpay() && pay(request, response, model, post, "btcpay");
                }
                default -> {
                    var id = VM_ID.matcher(path);
                    return id.matches() && vm(request, response, base, model, post, id.group(1));
                }
            }
            return true;
        } catch (HubException | PaymentException e) {
            throw new ConsoleException(e.getMessage());
        }
    }

    private void console(HttpServletResponse response, Map<String, Object> model) throws IOException, HubException, PaymentException {
        String email = (String) model.get("email");
        List<Map<String, Object>> vms = new ArrayList<>();
        for (Vm vm : hosting.list(email)) {
            vms.add(vm(vm));
        }
        model.put("title", "Your VMs");
        model.put("vms", vms);
        model.put("balance", Dollars.format(payments.statement(email).balance()));
        Page.html(response, 200, templates.render("console", model));
    }

    private void create(HttpServletRequest request, HttpServletResponse response, String base, Map<String, Object> model,
            boolean post) throws IOException, HubException, PaymentException {
        String email = (String) model.get("email");
        List<VmSize> sizes = hosting.sizes();
        List<OsImage> images = hosting.images();
        List<SshKey> keys = hosting.sshKeys(email);
        BigDecimal balance = payments.statement(email).balance();
        model.put("title", "Create a VM");
        model.put("balance", Dollars.format(balance));
        model.put("sizes", sizes.stream().map(s -> Map.<String, Object>of("id", s.id(), "price", Dollars.format(s.dollarsPerMonth()),
                "memory", s.memoryMb() + " MB", "vcpus", s.vcpus(), "bandwidth", s.bandwidthGbPerMonth() + " GB")).toList());
        model.put("images", images.stream().map(i -> Map.<String, Object>of("id", i.id(), "description", i.description())).toList());
        model.put("keys", keys.stream().map(k -> k.name()).toList());
        String size = String.valueOf(request.getParameter("size"));
        String os = String.valueOf(request.getParameter("os"));
        List<String> chosen = request.getParameterValues("ssh_key") == null ? List.of()
                : Arrays.asList(request.getParameterValues("ssh_key"));
        model.put("size", size);
        model.put("os", os);
        model.put("chosen", chosen);
        if (!post) {
            Page.html(response, 200, templates.render("create", model));
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<VmSize> vmSize = sizes.stream().filter(s -> s.id().equals(size)).findFirst();
        if (vmSize.isEmpty()) {
            errors.put("size", "Choose a size.");
        } else if (balance.compareTo(vmSize.get().dollarsPerMonth()) < 0) {
            errors.put("size", "Your balance (" + Dollars.format(balance) + ") must cover one month of " + size + " ("
                    + Dollars.format(vmSize.get().dollarsPerMonth()) + ") before you can create it. Add funds first.");
        }
        if (images.stream().noneMatch(i -> i.id().equals(os))) {
            errors.put("os", "Choose an operating system.");
        }
        if (chosen.isEmpty()) {
            errors.put("ssh_key", keys.isEmpty() ? "Add an SSH key first: without one you could not log in to the VM."
                    : "Choose at least one SSH key.");
        } else if (!keys.stream().map(SshKey::name).toList().containsAll(chosen)) {
            errors.put("ssh_key", "Choose among your SSH keys.");
        }
        if (errors.isEmpty()) {
            try {
                Vm vm = hosting.create(email, size, os, chosen);
                Page.redirect(response, base + "/console/" + vm.id() + "?created=true");
                return;
            } catch (HubException e) {
                errors.put("form", "The VM could not be created: " + e.getMessage());
            }
        }
        model.put("errors", errors);
        Page.html(response, 400, templates.render("create", model));
    }

    private boolean vm(HttpServletRequest request, HttpServletResponse response, String base, Map<String, Object> model,
            boolean post, String id) throws IOException, HubException, PaymentException {
        String email = (String) model.get("email");
        Optional<Vm> owned = hosting.vmOf(email, id);
        if (owned.isEmpty()) {
            return false;
        }
        Vm vm = owned.get();
        String action = post ? String.valueOf(request.getParameter("action")) : "";
        try {
            switch (action) {
                case "start" -> vm = hosting.start(id);
                case "stop" -> vm = hosting.stop(id);
                case "force-stop" -> vm = hosting.forceStop(id);
                case "delete" -> {
                    model.put("title", "Delete " + id + "?");
                    model.put("vm", vm(vm));
                    Page.html(response, 200, templates.render("vm-delete", model));
                    return true;
                }
                case "delete-confirmed" -> {
                    hosting.destroy(id);
                    Page.redirect(response, base + "/console/?deleted=" + id);
                    return true;
                }
                default -> vm = refreshed(vm);
            }
            if (post) {
                Page.redirect(response, base + "/console/" + id);
                return true;
            }
        } catch (HubException e) {
            model.put("error", "The VM could not " + action + ": " + e.getMessage());
        }
        model.put("title", vm.id());
        model.put("vm", vm(vm));
        model.put("created", request.getParameter("created") != null);
        Statement statement = payments.statement(email);
        model.put("cost", statement.usage().stream().filter(u -> u.vmId().equals(id)).map(VmUsage::dollars)
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP).toPlainString());
        Page.html(response, model.containsKey("error") ? 502 : 200, templates.render("vm", model));
        return true;
    }

    /** The VM as its spoke says now; as last recorded while the spoke does not answer. */
    private Vm refreshed(Vm vm) {
        try {
            return hosting.refresh(vm.id());
        } catch (HubException e) {
            return vm;
        }
    }

    private void ssh(HttpServletRequest request, HttpServletResponse response, Map<String, Object> model, boolean post)
            throws IOException, HubException {
        String email = (String) model.get("email");
        model.put("title", "SSH keys");
        model.put("name", "");
        model.put("content", "");
        int status = 200;
        if (post) {
            String action = String.valueOf(request.getParameter("action"));
            String name = String.valueOf(request.getParameter("name")).strip();
            try {
                if (action.equals("delete")) {
                    hosting.removeSshKey(email, name);
                    model.put("notice", "SSH key " + name + " deleted.");
                } else {
                    String content = String.valueOf(request.getParameter("content"));
                    model.put("name", name);
                    model.put("content", content);
                    hosting.addSshKey(email, name, content);
                    model.put("notice", "SSH key " + name + " added.");
                    model.put("name", "");
                    model.put("content", "");
                }
            } catch (HubException e) {
                model.put("error", e.getMessage());
                status = 400;
            }
        }
        model.put("keys", hosting.sshKeys(email).stream().map(k -> Map.<String, Object>of("name", k.name(),
                "content", k.content(), "created", TIME.format(k.created()))).toList());
        Page.html(response, status, templates.render("ssh", model));
    }

    private void balance(HttpServletResponse response, Map<String, Object> model) throws IOException, PaymentException {
        Statement s = payments.statement((String) model.get("email"));
        model.put("title", "Account balance");
        List<Map<String, Object>> paid = new ArrayList<>();
        for (Payment p : s.payments()) {
            paid.add(Map.of("id", p.id(), "created", TIME.format(p.created()), "dollars", Dollars.format(p.dollars()),
                    "invalidated", p.invalidated()));
        }
        List<Map<String, Object>> used = new ArrayList<>();
        for (VmUsage u : s.usage()) {
            used.add(Map.of("vm", u.vmId(), "size", u.size(), "created", TIME.format(u.created()),
                    "deleted", u.deleted() == null ? "running" : TIME.format(u.deleted()),
                    "days", u.days().setScale(2, RoundingMode.HALF_UP).toPlainString(), "dollars", Dollars.format(u.dollars())));
        }
        model.put("payments", paid);
        model.put("usage", used);
        model.put("paid", Dollars.format(s.paid()));
        model.put("used", Dollars.format(s.used()));
        model.put("balance", Dollars.format(s.balance()));
        Page.html(response, 200, templates.render("balance", model));
    }

    /** The amount form of a provider; a valid amount sends the customer on to the provider's page. */
    private boolean pay(HttpServletRequest request, HttpServletResponse response, Map<String, Object> model, boolean post,
            String provider) throws IOException {
        String email = (String) model.get("email");
        model.put("title", provider.equals("stripe") ? "Pay by card" : "Pay with Bitcoin");
        model.put("provider", provider);
        model.put("amount", post ? String.valueOf(request.getParameter("amount")) : "");
        if (post) {
            try {
                BigDecimal dollars = Dollars.parsePositive(String.valueOf(request.getParameter("amount")).strip().replace("$", ""));
                String link = provider.equals("stripe") ? checkouts.stripeCheckout(email, dollars)
                        : checkouts.btcpayInvoice(email, dollars);
                Page.headers(response);
                response.setStatus(303);
                response.setHeader("Location", link);
                return true;
            } catch (PaymentException | ConsoleException e) {
                model.put("error", e.getMessage());
            }
        }
        Page.html(response, model.containsKey("error") ? 400 : 200, templates.render("pay", model),
                Page.csp("'self' " + checkouts.formTargets()));
        return true;
    }

    private static Map<String, Object> vm(Vm vm) {
        return Map.of("id", vm.id(), "size", vm.size(), "os", vm.os(), "state", vm.state().dbName(),
                "ipv4", vm.lastSeenIpv4() == null ? "" : vm.lastSeenIpv4(), "created", TIME.format(vm.created()));
    }
}
