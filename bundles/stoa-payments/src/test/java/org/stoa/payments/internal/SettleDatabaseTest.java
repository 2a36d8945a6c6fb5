package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.payments.CheckoutEvent;
import org.stoa.payments.CheckoutEvent.Outcome;
import org.stoa.payments.PaymentChange;

/** Providers' checkout events on the real PostgreSQL: each acted on once, each change audited. */
class SettleDatabaseTest {

    private PaymentsFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new PaymentsFixture(Instant.parse("2030-06-01T00:00:00Z"));
        fixture.account("alice@example.org");
    }

    private static CheckoutEvent paid(String event, String session, String email) {
        return new CheckoutEvent("stripe", event, "checkout.session.completed", session, Outcome.PAID, email, new BigDecimal("20.00"));
    }

    private String counts() throws Exception {
        return fixture.query("SELECT (SELECT count(*) FROM payments) || '/' || (SELECT count(*) FROM payment_audit) || '/' "
                + "|| (SELECT count(*) FROM payment_sessions) || '/' || (SELECT count(*) FROM payment_events)");
    }

    @Test
    void aPaidCheckoutBecomesAPaymentAuditedAsTheProvider() throws Exception {
        String outcome = fixture.payments.settle(paid("evt_1", "cs_1", "Alice@example.org"));

        assertEquals("payment 1 of $20.00 added for alice@example.org", outcome);
        PaymentChange added = fixture.payments.history(1).get(0);
        assertEquals(List.of("added", "stripe", "checkout.session.completed for checkout cs_1 (event evt_1)"),
                List.of(added.action(), added.who(), added.why()));
        assertEquals("paid/1", fixture.query("SELECT status || '/' || payment FROM payment_sessions WHERE id = 'cs_1'"));
    }

    @Test
    void twoEventsOfOneCheckoutHandledAtOnceMakeOnePayment() throws Exception {
        // Stripe sends checkout.session.completed and checkout.session.async_payment_succeeded
        // close together; two webhook deliveries run in two request threads. Before the checkout
        // has a row, SELECT ... FOR UPDATE locks nothing, so both used to add a payment.
        int rounds = 20;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                int number = round;
                String session = "cs_race_" + round;
                CyclicBarrier together = new CyclicBarrier(2);
                List<CompletableFuture<String>> both = List.of("a", "b").stream()
                        .map(side -> CompletableFuture.supplyAsync(() -> {
                            try {
                                together.await();
                                return fixture.payments.settle(paid("evt_" + side + number, session, "alice@example.org"));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }, threads))
                        .toList();
                List<String> outcomes = both.stream().map(CompletableFuture::join).sorted().toList();

                assertTrue(outcomes.get(0).matches("checkout " + session + " made payment \\d+ before; nothing changed"),
                        outcomes.toString());
                assertTrue(outcomes.get(1).startsWith("payment "), outcomes.toString());
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(String.valueOf(rounds), fixture.query("SELECT count(*) FROM payments"));
        assertEquals("0", fixture.query("SELECT count(*) FROM payments p WHERE NOT EXISTS "
                + "(SELECT 1 FROM payment_sessions s WHERE s.payment = p.id)"));
    }

    @Test
    void theSameEventTwiceOrAnotherEventOfAPaidCheckoutChangesNothing() throws Exception {
        fixture.payments.settle(paid("evt_1", "cs_1", "alice@example.org"));
        String after = counts();

        assertEquals("event evt_1 was processed before; nothing changed", fixture.payments.settle(paid("evt_1", "cs_1", "alice@example.org")));
        assertEquals(after, counts());
        assertEquals("checkout cs_1 made payment 1 before; nothing changed",
                fixture.payments.settle(paid("evt_2", "cs_1", "alice@example.org")));
        assertEquals("1", fixture.query("SELECT count(*) FROM payments"));
    }

    @Test
    void aFailedCheckoutInvalidatesItsPaymentOnce() throws Exception {
        fixture.payments.settle(paid("evt_1", "cs_1", "alice@example.org"));
        CheckoutEvent failed = new CheckoutEvent("stripe", "evt_2", "checkout.session.async_payment_failed", "cs_1",
                Outcome.FAILED, null, null);

        assertEquals("payment 1 of checkout cs_1 invalidated", fixture.payments.settle(failed));
        assertEquals("event evt_2 was processed before; nothing changed", fixture.payments.settle(failed));

        assertEquals(List.of("added", "invalidated"), fixture.payments.history(1).stream().map(PaymentChange::action).toList());
        assertEquals("stripe", fixture.payments.history(1).get(1).who());
        assertEquals("failed", fixture.query("SELECT status FROM payment_sessions WHERE id = 'cs_1'"));
    }

    @Test
    void aCheckoutThatFailsWithoutAPaymentIsRecordedAsFailed() throws Exception {
        fixture.payments.settle(new CheckoutEvent("btcpay", "d1", "InvoiceExpired", "inv_1", Outcome.FAILED, null, null));

        assertEquals("failed", fixture.query("SELECT status FROM payment_sessions WHERE id = 'inv_1'"));
        assertEquals("0", fixture.query("SELECT count(*) FROM payments"));
    }

    @Test
    void aPaidCheckoutForNoKnownAccountIsKeptUnmatchedWithoutAPayment() throws Exception {
        String outcome = fixture.payments.settle(paid("evt_1", "cs_1", "stranger@example.org"));

        assertTrue(outcome.startsWith("no payment made: there is no account stranger@example.org"), outcome);
        assertEquals("unmatched/20.00/stranger@example.org",
                fixture.query("SELECT status || '/' || dollars || '/' || email FROM payment_sessions WHERE id = 'cs_1'"));
        assertEquals("0", fixture.query("SELECT count(*) FROM payments"));
    }

    @Test
    void aPaidCheckoutWithoutAnAmountIsKeptUnmatchedEvenWhenItsEmailCouldBeNoAccounts() throws Exception {
        String tooLong = "a".repeat(250) + "@example.org";
        String outcome = fixture.payments.settle(new CheckoutEvent("stripe", "evt_1", "checkout.session.completed", "cs_1",
                Outcome.PAID, tooLong, null));

        assertEquals("no payment made: the amount is missing", outcome);
        assertEquals("unmatched/no email",
                fixture.query("SELECT status || '/' || coalesce(email, 'no email') FROM payment_sessions WHERE id = 'cs_1'"));
    }

    @Test
    void aPendingCheckoutWaitsForItsMoneyAndThenBecomesAPayment() throws Exception {
        fixture.payments.settle(new CheckoutEvent("stripe", "evt_1", "checkout.session.completed", "cs_1", Outcome.PENDING,
                "alice@example.org", new BigDecimal("20.00")));
        assertEquals("0", fixture.query("SELECT count(*) FROM payments"));

        String outcome = fixture.payments.settle(new CheckoutEvent("stripe", "evt_2", "checkout.session.async_payment_succeeded", "cs_1",
                Outcome.PAID, "alice@example.org", new BigDecimal("20.00")));

        assertEquals("payment 1 of $20.00 added for alice@example.org", outcome);
        assertEquals("paid", fixture.query("SELECT status FROM payment_sessions WHERE id = 'cs_1'"));
        assertEquals("1", fixture.query("SELECT count(*) FROM payments"));
    }

    @Test
    void aCheckoutMarkedFailedIsNotPaidByALaterEvent() throws Exception {
        // Issue 17 finding 2: an expired BTCPay invoice could still be paid later; an operator decides (payment:add).
        fixture.payments.settle(new CheckoutEvent("btcpay", "d1", "InvoiceExpired", "inv_1", Outcome.FAILED, null, null));
        String outcome = fixture.payments.settle(new CheckoutEvent("btcpay", "d2", "InvoiceSettled", "inv_1", Outcome.PAID,
                "alice@example.org", new BigDecimal("20.00")));

        assertEquals("no payment made: checkout inv_1 was marked failed before; if it was paid, add the payment by hand "
                + "(payment:add)", outcome);
        assertEquals("0", fixture.query("SELECT count(*) FROM payments"));
        assertEquals("failed", fixture.query("SELECT status FROM payment_sessions WHERE id = 'inv_1'"));
    }
}
