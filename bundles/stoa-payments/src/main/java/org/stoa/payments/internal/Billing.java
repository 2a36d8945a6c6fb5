package org.stoa.payments.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.Transactions;
import org.stoa.payments.Dollars;
import org.stoa.payments.PaymentException;

/**
 * One billing run: for each account with running VMs, warns as its balance nears zero (zero
 * within a week, within a day) and once it passed zero, and deletes its VMs through the hub once
 * the balance is at or below the threshold and all three warnings were delivered before this run.
 *
 * <p>Each decision is remembered (billing_warnings) together with its notice (billing_notices) in
 * one transaction, and notices are delivered after it: a crash at any point repeats no decision and
 * loses no notice. A deletion decided before a crash is carried on by the next run, which finds
 * the same balance and the VMs still running. A level whose condition no longer holds (a payment
 * came in) is forgotten, so a later slide warns again.
 */
final class Billing {

    /** How the job deletes a VM: through the hub, which removes it from its spoke. */
    interface VmDeleter {
        void destroy(String vmId) throws Exception;
    }

    /** What one run did. */
    record Report(int noticesQueued, List<String> deletedVms, int noticesDelivered) {
    }

    static final String WEEK = "week";
    static final String DAY = "day";
    static final String ZERO = "zero";
    static final String DELETED = "deleted";
    private static final List<String> WARNINGS = List.of(WEEK, DAY, ZERO);
    private static final Logger LOG = LoggerFactory.getLogger(Billing.class);

    private final Transactions<PaymentException> transactions;
    private final Clock clock;
    private final VmDeleter vms;
    private final Notices notices;
    private final BigDecimal threshold;
    private final BillingRepository billing = new BillingRepository();
    private final Ledger ledger = new Ledger();

    Billing(DataSource database, Clock clock, VmDeleter vms, Notices notices, BigDecimal threshold) {
        this.transactions = new Transactions<>(database, PaymentException::new);
        this.clock = clock;
        this.vms = vms;
        this.notices = notices;
        this.threshold = threshold;
    }

    /** Notices decided but not delivered yet, over every account. */
    long noticesPending() throws PaymentException {
        return transactions.inTransaction(c -> billing.undelivered(c).values().stream()
                .mapToLong(BillingRepository.Undelivered::count).sum());
    }

    Report run() throws PaymentException {
        Instant now = clock.instant();
        int queued = 0;
        List<String> deleted = new ArrayList<>();
        // Read once a run, not once an account: the price history is the same for every account.
        Map<String, List<Pricing.Price>> prices = transactions.inTransaction(ledger::prices);
        for (String email : transactions.inTransaction(billing::accountsToReview)) {
            Outcome outcome = transactions.inTransaction(c -> decide(c, email, now, prices));
            queued += outcome.notices();
            for (String vm : outcome.toDelete()) {
                try {
                    vms.destroy(vm);
                    deleted.add(vm);
                    LOG.warn("billing: deleted {} of {} (balance at or below {})", vm, email, Dollars.format(threshold));
                } catch (Exception e) {
                    // The next run finds it still running and tries again.
                    LOG.warn("billing: could not delete {} of {}: {}", vm, email, e.getMessage());
                }
            }
        }
        return new Report(queued, deleted, deliver(now));
    }

    private record Outcome(int notices, List<String> toDelete) {
    }

    private Outcome decide(Connection c, String email, Instant now, Map<String, List<Pricing.Price>> prices)
            throws SQLException {
        billing.lock(c, email);
        Map<String, BillingRepository.Decision> remembered = billing.decisions(c, email);
        Ledger.Standing standing = ledger.standing(c, email, now, prices);
        List<String> live = standing.liveVms();
        if (live.isEmpty()) {
            billing.forget(c, email, remembered.keySet());
            return new Outcome(0, List.of());
        }
        BigDecimal balance = standing.balance();
        BigDecimal perDay = standing.perDay();
        Set<String> holding = new LinkedHashSet<>();
        if (balance.subtract(perDay.multiply(BigDecimal.valueOf(7))).signum() <= 0) {
            holding.add(WEEK);
        }
        if (balance.subtract(perDay).signum() <= 0) {
            holding.add(DAY);
        }
        if (balance.signum() <= 0) {
            holding.add(ZERO);
        }
        if (balance.compareTo(threshold) <= 0 && WARNINGS.stream().allMatch(level -> deliveredBefore(remembered, level, now))) {
            holding.add(DELETED);
        }
        billing.forget(c, email, remembered.keySet().stream().filter(level -> !holding.contains(level)).toList());
        List<String> fresh = holding.stream().filter(level -> !remembered.containsKey(level)).toList();
        int queued = 0;
        if (!fresh.isEmpty()) {
            String level = fresh.get(fresh.size() - 1);
            long notice = billing.addNotice(c, email, subject(level), body(level, balance, perDay, live), now);
            for (String decided : fresh) {
                billing.remember(c, email, decided, now, notice);
            }
            queued = 1;
            LOG.info("billing: {} of {} at balance {}", level, email, Dollars.format(balance));
        }
        return new Outcome(queued, holding.contains(DELETED) ? live : List.of());
    }

    private static boolean deliveredBefore(Map<String, BillingRepository.Decision> remembered, String level, Instant now) {
        BillingRepository.Decision decision = remembered.get(level);
        return decision != null && decision.delivered() != null && decision.delivered().isBefore(now);
    }

    /** Delivers every notice still owed, oldest first; stops at the first that fails (the relay is down). */
    private int deliver(Instant now) {
        int delivered = 0;
        try {
            while (transactions.inTransaction(c -> deliverOne(c, now))) {
                delivered++;
            }
        } catch (PaymentException e) {
            LOG.warn("billing: notices not delivered, retried on the next run: {}", e.getMessage());
        }
        return delivered;
    }

    /** Delivers the oldest notice owed, marking it in the same transaction; false when none is owed. */
    private boolean deliverOne(Connection c, Instant now) throws SQLException, PaymentException {
        Optional<BillingRepository.Notice> next = billing.nextUndelivered(c);
        if (next.isEmpty()) {
            return false;
        }
        BillingRepository.Notice notice = next.get();
        try {
            notices.deliver(notice.id(), notice.email(), notice.subject(), notice.body());
        } catch (IOException e) {
            throw new PaymentException("notice " + notice.id() + " to " + notice.email() + ": " + e.getMessage());
        }
        billing.delivered(c, notice.id(), now);
        return true;
    }

    private static String subject(String level) {
        return switch (level) {
            case WEEK -> "Your VM hosting balance runs out within a week";
            case DAY -> "Your VM hosting balance runs out within a day";
            case ZERO -> "Your VM hosting balance is used up";
            default -> "Your VMs are being deleted: your balance is used up";
        };
    }

    private String body(String level, BigDecimal balance, BigDecimal perDay, List<String> live) {
        String vms = String.join(", ", live);
        String state = "Your balance is " + Dollars.format(balance) + "; your VMs (" + vms + ") cost "
                + Dollars.format(perDay) + " a day.";
        String deletion = "VMs are deleted when the balance reaches " + Dollars.format(threshold) + ".";
        return switch (level) {
            case WEEK, DAY -> state + "\nAt that rate it reaches zero in about "
                    + balance.divide(perDay, 1, RoundingMode.DOWN).max(BigDecimal.ZERO).toPlainString()
                    + " days. Add a payment to keep them running.\n" + deletion;
            case ZERO -> state + "\nAdd a payment to keep them running.\n" + deletion;
            default -> state + "\nIt reached " + Dollars.format(threshold) + " after the warnings you were sent, "
                    + "so these VMs are being deleted now.";
        };
    }
}
