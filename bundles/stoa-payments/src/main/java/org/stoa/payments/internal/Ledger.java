package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.stoa.payments.AccountBalance;
import org.stoa.payments.Statement;
import org.stoa.payments.VmUsage;

/** Balances: valid payments less the usage of every VM an account ever had, at a given moment. */
final class Ledger {

    private final PaymentRepository payments = new PaymentRepository();
    private final UsageRepository usage = new UsageRepository();
    private final BillingRepository billing = new BillingRepository();

    /** What the billing job weighs for one account: its balance, its running VMs (oldest first) and their cost a day. */
    record Standing(BigDecimal balance, List<String> liveVms, BigDecimal perDay) {
    }

    /** Each size's prices, oldest first: read once by a caller that prices many accounts at one moment. */
    Map<String, List<Pricing.Price>> prices(Connection c) throws SQLException {
        return usage.prices(c);
    }

    Statement statement(Connection c, String email, Instant now) throws SQLException {
        return statement(c, email, now, usage.vms(c, email), usage.prices(c));
    }

    /** The account's standing at {@code now} under {@code prices}, from one read of its VMs. */
    Standing standing(Connection c, String email, Instant now, Map<String, List<Pricing.Price>> prices) throws SQLException {
        List<UsageRepository.VmLife> vms = usage.vms(c, email);
        List<UsageRepository.VmLife> live = vms.stream().filter(vm -> vm.deleted() == null).toList();
        BigDecimal perDay = BigDecimal.ZERO;
        for (UsageRepository.VmLife vm : live) {
            perDay = perDay.add(Pricing.perDay(pricesOf(prices, vm.size()), now));
        }
        return new Standing(statement(c, email, now, vms, prices).balance(), live.stream().map(UsageRepository.VmLife::id).toList(),
                perDay);
    }

    private Statement statement(Connection c, String email, Instant now, List<UsageRepository.VmLife> vms,
            Map<String, List<Pricing.Price>> prices) throws SQLException {
        return new Statement(email, now, payments.list(c, email), usage(vms, prices, now));
    }

    /** Every account's balance, lowest first (then by address). */
    List<AccountBalance> balances(Connection c, Instant now) throws SQLException {
        Map<String, BigDecimal> balance = new HashMap<>(usage.paid(c));
        Map<String, Integer> live = new HashMap<>();
        List<UsageRepository.VmLife> vms = usage.vms(c, null);
        List<VmUsage> used = usage(vms, usage.prices(c), now);
        for (int i = 0; i < vms.size(); i++) {
            String email = vms.get(i).email();
            balance.merge(email, used.get(i).dollars().negate(), BigDecimal::add);
            if (vms.get(i).deleted() == null) {
                live.merge(email, 1, Integer::sum);
            }
        }
        Map<String, BillingRepository.Undelivered> undelivered = billing.undelivered(c);
        List<AccountBalance> balances = new ArrayList<>();
        balance.forEach((email, b) -> balances.add(new AccountBalance(email, b, live.getOrDefault(email, 0),
                undelivered.containsKey(email) ? "VMs kept, not deleted: " + undelivered.get(email) : "")));
        balances.sort(Comparator.comparing(AccountBalance::balance).thenComparing(AccountBalance::email));
        return balances;
    }

    private static List<VmUsage> usage(List<UsageRepository.VmLife> vms, Map<String, List<Pricing.Price>> prices, Instant now) {
        List<VmUsage> used = new ArrayList<>();
        for (UsageRepository.VmLife vm : vms) {
            Instant until = Pricing.billedUntil(vm.created(), vm.deleted(), now);
            used.add(new VmUsage(vm.id(), vm.size(), vm.created(), vm.deleted(), Pricing.days(vm.created(), until),
                    Pricing.cost(vm.created(), until, pricesOf(prices, vm.size()))));
        }
        return used;
    }

    private static List<Pricing.Price> pricesOf(Map<String, List<Pricing.Price>> prices, String size) {
        List<Pricing.Price> of = prices.get(size);
        if (of == null) {
            // The hub records every size's price from the size's first day on (vm_size_price_history), so none lacks one.
            throw new IllegalStateException("no price recorded for VM size " + size);
        }
        return of;
    }
}
