package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stoa.db.ModuleSchema;
import org.stoa.db.Transactions;
import org.stoa.payments.AccountBalance;
import org.stoa.payments.CheckoutEvent;
import org.stoa.payments.Dollars;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentChange;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.payments.Statement;
import org.stoa.shell.ShellVariable;

/**
 * Payments: validation and one transaction per call over the repositories; every change
 * writes its audit row in that transaction (the schema refuses one without). Works on any
 * node: it needs the database, not the hub role.
 */
@Component(service = Payments.class, property = {
        ShellVariable.NAME + "=payments", ShellVariable.EXAMPLE + "=$payments balances"})
public final class PaymentsImpl implements Payments {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentsImpl.class);
    private static final int MAX_WHO = 200;
    private static final int MAX_WHY = 1000;
    /** payment_sessions.email holds at most this many characters. */
    private static final int MAX_EMAIL = 254;

    private final Transactions<PaymentException> transactions;
    private final Clock clock;
    private final PaymentRepository payments = new PaymentRepository();
    private final CheckoutRepository checkouts = new CheckoutRepository();
    private final Ledger ledger = new Ledger();

    /** Waits for both schemas: payments build on the hub's accounts and VMs. */
    @Activate
    public PaymentsImpl(@Reference(target = "(" + ModuleSchema.MODULE + "=stoa-payments)") ModuleSchema schema,
            @Reference(target = "(" + ModuleSchema.MODULE + "=stoa-vm-hub)") ModuleSchema hubSchema) {
        this(schema.dataSource(), Clock.systemUTC());
    }

    PaymentsImpl(DataSource database, Clock clock) {
        this.transactions = new Transactions<>(database, PaymentException::new);
        this.clock = clock;
    }

    @Override
    public Payment add(String email, BigDecimal dollars, String who, String note) throws PaymentException {
        if (!isPaymentAmount(dollars)) {
            throw new PaymentException("a payment is more than $0.00, at most $" + Dollars.MAX + ", in whole cents (got "
                    + (dollars == null ? "nothing" : dollars.toPlainString()) + ")");
        }
        String why = text("note", note, false);
        String by = who(who);
        return transactions.inTransaction(c -> payments.insert(c, existingAccount(c, email), dollars, by, why));
    }

    @Override
    public List<Payment> list(String email) throws PaymentException {
        return transactions.inTransaction(c -> payments.list(c, email == null ? null : existingAccount(c, email)));
    }

    @Override
    public Payment invalidate(long id, String who, String reason) throws PaymentException {
        return change(id, true, who, reason);
    }

    @Override
    public Payment restore(long id, String who, String reason) throws PaymentException {
        return change(id, false, who, reason);
    }

    private Payment change(long id, boolean invalidate, String who, String reason) throws PaymentException {
        String why = text("reason", reason, true);
        String by = who(who);
        return transactions.inTransaction(c -> {
            Payment payment = payments.forUpdate(c, id).orElseThrow(() -> new PaymentException("no payment " + id));
            if (payment.invalidated() == invalidate) {
                throw new PaymentException("payment " + id + " is " + (invalidate ? "invalidated already" : "valid already")
                        + "; nothing changed");
            }
            return payments.setInvalidated(c, id, invalidate, by, why);
        });
    }

    @Override
    public List<PaymentChange> history(long id) throws PaymentException {
        return transactions.inTransaction(c -> {
            List<PaymentChange> changes = payments.history(c, id);
            if (changes.isEmpty()) {
                throw new PaymentException("no payment " + id);
            }
            return changes;
        });
    }

    @Override
    public Statement statement(String email) throws PaymentException {
        return transactions.inTransaction(c -> ledger.statement(c, existingAccount(c, email), clock.instant()));
    }

    @Override
    public List<AccountBalance> balances() throws PaymentException {
        return transactions.inTransaction(c -> ledger.balances(c, clock.instant()));
    }

    @Override
    public String settle(CheckoutEvent event) throws PaymentException {
        String outcome = transactions.inTransaction(c -> {
            if (!checkouts.claimEvent(c, event.provider(), event.eventId(), event.type(), event.session())) {
                return "event " + event.eventId() + " was processed before; nothing changed";
            }
            String done = switch (event.outcome()) {
                case PAID -> paid(c, event);
                case PENDING -> pending(c, event);
                case FAILED -> failed(c, event);
                case IGNORED -> "event type " + event.type() + " is not acted on";
            };
            checkouts.eventOutcome(c, event.provider(), event.eventId(), done);
            return done;
        });
        LOG.info("{} event {} ({}): {}", event.provider(), event.eventId(), event.type(), outcome);
        return outcome;
    }

    private String paid(Connection c, CheckoutEvent event) throws SQLException {
        Optional<CheckoutRepository.Session> known = checkouts.forUpdate(c, event.provider(), event.session());
        if (known.isPresent() && known.get().payment() != null) {
            return "checkout " + event.session() + " made payment " + known.get().payment() + " before; nothing changed";
        }
        if (known.isPresent() && "failed".equals(known.get().status())) {
            // A provider that reported the checkout failed (an expired invoice) and now reports it
            // paid is contradicting itself: an operator looks and decides.
            String refused = "no payment made: checkout " + event.session() + " was marked failed before; if it was paid, "
                    + "add the payment by hand (payment:add)";
            LOG.warn("{} checkout {}: {}", event.provider(), event.session(), refused);
            return refused;
        }
        String email = providerEmail(event);
        BigDecimal dollars = event.dollars();
        String unmatched = null;
        if (!isPaymentAmount(dollars)) {
            unmatched = "no payment made: the amount " + (dollars == null ? "is missing" : dollars.toPlainString() + " is not a payment");
            dollars = null;
        } else if (email == null) {
            unmatched = "no payment made: the checkout names no account email";
        } else if (!payments.accountExists(c, email)) {
            unmatched = "no payment made: there is no account " + email + "; add it by hand (payment:add) once it exists";
        }
        if (unmatched != null) {
            LOG.warn("{} checkout {} was paid but {}", event.provider(), event.session(), unmatched);
            checkouts.save(c, event.provider(), event.session(), email, dollars, "unmatched", null, unmatched);
            return unmatched;
        }
        Payment payment = payments.insert(c, email, dollars, event.provider(), why(event));
        checkouts.save(c, event.provider(), event.session(), email, dollars, "paid", payment.id(), "");
        return "payment " + payment.id() + " of " + Dollars.format(dollars) + " added for " + email;
    }

    private String pending(Connection c, CheckoutEvent event) throws SQLException {
        Optional<CheckoutRepository.Session> known = checkouts.forUpdate(c, event.provider(), event.session());
        if (known.isPresent()) {
            return "checkout " + event.session() + " is " + known.get().status() + " already; nothing changed";
        }
        checkouts.save(c, event.provider(), event.session(), providerEmail(event), null, "pending", null,
                "completed, payment still to come");
        return "checkout " + event.session() + " recorded as pending";
    }

    private String failed(Connection c, CheckoutEvent event) throws SQLException {
        Optional<CheckoutRepository.Session> known = checkouts.forUpdate(c, event.provider(), event.session());
        String result = "checkout " + event.session() + " recorded as failed";
        if (known.isPresent() && known.get().payment() != null) {
            long id = known.get().payment();
            Payment payment = payments.forUpdate(c, id).orElseThrow();
            if (payment.invalidated()) {
                result = "payment " + id + " of checkout " + event.session() + " is invalidated already; nothing changed";
            } else {
                payments.setInvalidated(c, id, true, event.provider(), why(event));
                result = "payment " + id + " of checkout " + event.session() + " invalidated";
            }
        }
        checkouts.save(c, event.provider(), event.session(), null, null, "failed", null, event.type());
        return result;
    }

    private static String why(CheckoutEvent event) {
        return event.type() + " for checkout " + event.session() + " (event " + event.eventId() + ")";
    }

    /** More than zero, at most what NUMERIC(8,2) holds, in whole cents. */
    private static boolean isPaymentAmount(BigDecimal dollars) {
        return dollars != null && dollars.signum() > 0 && dollars.compareTo(Dollars.MAX) <= 0
                && dollars.stripTrailingZeros().scale() <= 2;
    }

    /** The account address a provider sent, normalized; null when it sent none or one no account can have. */
    private static String providerEmail(CheckoutEvent event) {
        String email = normalized(event.email());
        return email.isEmpty() || email.length() > MAX_EMAIL ? null : email;
    }

    private String existingAccount(Connection c, String email) throws SQLException, PaymentException {
        String address = normalized(email);
        if (!payments.accountExists(c, address)) {
            throw new PaymentException("no account " + address);
        }
        return address;
    }

    private static String normalized(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String who(String who) throws PaymentException {
        String by = who == null ? "" : who.strip();
        if (by.isEmpty() || by.length() > MAX_WHO) {
            throw new PaymentException("who made the change must be named (1 to " + MAX_WHO + " characters)");
        }
        return by;
    }

    private static String text(String what, String value, boolean required) throws PaymentException {
        String t = value == null ? "" : value.strip();
        if (required && t.isEmpty()) {
            throw new PaymentException("a " + what + " is required (--" + what + " TEXT)");
        }
        if (t.length() > MAX_WHY || t.contains("\n") || t.contains("\r")) {
            throw new PaymentException("a " + what + " is one line of at most " + MAX_WHY + " characters");
        }
        return t;
    }
}
