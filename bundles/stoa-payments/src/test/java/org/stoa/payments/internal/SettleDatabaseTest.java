package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

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
    void twoEventsOfOneNewCheckoutHandledAtOnceMakeOnePayment() throws Exception {
        // Issue 17 finding 4: FOR UPDATE locked nothing while the checkout's row did not exist yet.
        int rounds = 20;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                String session = "cs_race_" + round;
                List<java.util.concurrent.Future<String>> both = new java.util.ArrayList<>();
                for (String event : List.of("evt_a_" + round, "evt_b_" + round)) {
                    both.add(pool.submit(() -> {
                        start.await();
                        return fixture.payments.settle(paid(event, session, "alice@example.org"));
                    }));
                }
                for (java.util.concurrent.Future<String> one : both) {
                    one.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(String.valueOf(rounds), fixture.query("SELECT count(*) FROM payments"));
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
