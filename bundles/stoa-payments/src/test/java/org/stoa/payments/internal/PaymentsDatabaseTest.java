package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stoa.payments.internal.PaymentsFixture.assertDollars;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stoa.payments.AccountBalance;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentChange;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Statement;

/** Payments, their audit trail and balances on the real PostgreSQL, with hand-computed balances. */
class PaymentsDatabaseTest {

    private static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
    private static final Duration MONTH = Duration.ofSeconds(2_630_016);
    private static final Duration HALF_MONTH = Duration.ofSeconds(1_315_008);

    private PaymentsFixture fixture;

    @BeforeEach
    void database() throws Exception {
        fixture = new PaymentsFixture(NOW);
        fixture.account("alice@example.org");
        fixture.account("bob@example.org");
    }

    @Test
    void anAddedPaymentIsListedWithItsAuditRow() throws Exception {
        Payment added = fixture.payments.add("Alice@Example.org", new BigDecimal("20.00"), "karaf", "bank transfer");

        assertEquals(List.of(added), fixture.payments.list("alice@example.org"));
        assertEquals("alice@example.org", added.email());
        List<PaymentChange> trail = fixture.payments.history(added.id());
        assertEquals(1, trail.size());
        assertEquals(List.of("added", "karaf", "bank transfer"), List.of(trail.get(0).action(), trail.get(0).who(), trail.get(0).why()));
    }

    @Test
    void invalidatingAndRestoringAreEachAuditedWithWhoAndWhy() throws Exception {
        long id = fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "").id();

        assertTrue(fixture.payments.invalidate(id, "karaf", "chargeback from the bank").invalidated());
        assertFalse(fixture.payments.restore(id, "ops", "bank reversed the chargeback").invalidated());

        List<PaymentChange> trail = fixture.payments.history(id);
        assertEquals(List.of("added", "invalidated", "restored"), trail.stream().map(PaymentChange::action).toList());
        assertEquals("chargeback from the bank", trail.get(1).why());
        assertEquals("ops", trail.get(2).who());
    }

    @Test
    void invalidatingTwiceOrRestoringAValidPaymentIsRefusedAndAuditsNothing() throws Exception {
        long id = fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "").id();
        fixture.payments.invalidate(id, "karaf", "chargeback");

        assertEquals("payment " + id + " is invalidated already; nothing changed",
                assertThrows(PaymentException.class, () -> fixture.payments.invalidate(id, "karaf", "again")).getMessage());
        fixture.payments.restore(id, "karaf", "reversed");
        assertEquals("payment " + id + " is valid already; nothing changed",
                assertThrows(PaymentException.class, () -> fixture.payments.restore(id, "karaf", "again")).getMessage());
        assertEquals("3", fixture.query("SELECT count(*) FROM payment_audit"));
    }

    @Test
    void badInputIsRefusedInOneLineAndStoresNothing() throws Exception {
        assertEquals("no account carol@example.org", assertThrows(PaymentException.class,
                () -> fixture.payments.add("carol@example.org", BigDecimal.TEN, "karaf", "")).getMessage());
        assertEquals("no payment 999", assertThrows(PaymentException.class,
                () -> fixture.payments.invalidate(999, "karaf", "chargeback")).getMessage());
        assertEquals("no payment 999", assertThrows(PaymentException.class, () -> fixture.payments.history(999)).getMessage());
        assertEquals("a reason is required (--reason TEXT)", assertThrows(PaymentException.class,
                () -> fixture.payments.invalidate(1, "karaf", " ")).getMessage());
        assertTrue(assertThrows(PaymentException.class,
                () -> fixture.payments.add("alice@example.org", new BigDecimal("0.001"), "karaf", "")).getMessage()
                .startsWith("a payment is more than $0.00"));
        assertEquals("no account nobody@example.org", assertThrows(PaymentException.class,
                () -> fixture.payments.statement("nobody@example.org")).getMessage());
        assertEquals("0", fixture.query("SELECT count(*) FROM payments"));
        assertEquals("0", fixture.query("SELECT count(*) FROM payment_audit"));
    }

    @Test
    void aChangeByHandIsAuditedByTheDatabaseWithTheSessionsUserAndReason() throws Exception {
        long id = fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "").id();

        fixture.transaction("SELECT set_config('stoa.user', 'forest', true)",
                "SET LOCAL stoa.reason = 'chargeback from the bank'",
                "UPDATE payments SET invalidated = True WHERE id = " + id);

        PaymentChange change = fixture.payments.history(id).get(1);
        assertEquals(List.of("invalidated", "forest", "chargeback from the bank"), List.of(change.action(), change.who(), change.why()));
        assertDollars("0.00", fixture.payments.statement("alice@example.org").paid());
    }

    @Test
    void aChangeByHandWithoutSettingsNamesTheDatabaseRoleAndManualSql() throws Exception {
        long id = fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "").id();
        String role = fixture.query("SELECT session_user");

        fixture.execute("UPDATE payments SET invalidated = true WHERE id = ?", id);
        fixture.execute("INSERT INTO payments (email, dollars) VALUES ('alice@example.org', 5)");

        List<PaymentChange> trail = fixture.payments.history(id);
        assertEquals(List.of("invalidated", role, "manual SQL"), List.of(trail.get(1).action(), trail.get(1).who(), trail.get(1).why()));
        assertEquals("added " + role + " manual SQL", fixture.query(
                "SELECT a.action || ' ' || a.who || ' ' || a.why FROM payment_audit a JOIN payments p ON p.id = a.payment WHERE p.dollars = 5"));
        assertEquals("3", fixture.query("SELECT count(*) FROM payment_audit"));
    }

    @Test
    void aChangeThatWroteItsOwnAuditRowGetsNoSecond() throws Exception {
        long id = fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "").id();

        fixture.payments.invalidate(id, "karaf", "chargeback");

        assertEquals(List.of("added", "invalidated"), fixture.payments.history(id).stream().map(PaymentChange::action).toList());
        assertEquals("karaf", fixture.payments.history(id).get(1).who());
    }

    @Test
    void theSchemaNeverLosesOrEditsAPaymentOrItsTrail() throws Exception {
        long id = fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "").id();

        assertThrows(SQLException.class, () -> fixture.execute("DELETE FROM payments WHERE id = ?", id));
        assertThrows(SQLException.class, () -> fixture.execute("UPDATE payments SET dollars = 1 WHERE id = ?", id));
        assertThrows(SQLException.class, () -> fixture.execute("DELETE FROM payment_audit"));
        assertThrows(SQLException.class, () -> fixture.execute("UPDATE payment_audit SET who = 'nobody'"));
        assertEquals("false", fixture.query("SELECT invalidated::text FROM payments WHERE id = ?", id));
        assertEquals("1", fixture.query("SELECT count(*) FROM payments"));
        assertEquals("1", fixture.query("SELECT count(*) FROM payment_audit"));
    }

    @Test
    void theBalanceIsValidPaymentsLessTheUsageOfEveryVmDeletedOnesIncluded() throws Exception {
        fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "");
        long chargedBack = fixture.payments.add("alice@example.org", new BigDecimal("5.00"), "karaf", "").id();
        fixture.payments.invalidate(chargedBack, "karaf", "chargeback");
        // Deleted after exactly a month at 5.33; running for half a month at 12.50; deleted after an hour at 7.16.
        fixture.vm("alice@example.org", "f1-xs", NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(100)).plus(MONTH));
        fixture.vm("alice@example.org", "f1-m", NOW.minus(HALF_MONTH), null);
        fixture.vm("alice@example.org", "f1-s", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(3)).plusSeconds(3600));

        Statement s = fixture.payments.statement("alice@example.org");

        assertDollars("20.00", s.paid());
        assertEquals(2, s.payments().size());
        assertDollars("5.33", s.usage().get(0).dollars());
        assertDollars("6.25", s.usage().get(1).dollars());
        // One day (the minimum) of 7.16 a month: 7.16 / 30.44.
        assertDollars(new BigDecimal("7.16").divide(new BigDecimal("30.44"), 12, java.math.RoundingMode.HALF_EVEN).toPlainString(),
                s.usage().get(2).dollars());
        assertDollars("1", s.usage().get(2).days());
        // 20.00 - 5.33 - 6.25 - 0.2352... = 8.1847...
        assertEquals("$8.18", org.stoa.payments.Dollars.format(s.balance()));
    }

    @Test
    void aNewPriceOfASizeChargesOnlyTheTimeAfterTheChange() throws Exception {
        fixture.execute("UPDATE vm_sizes SET dollars_per_month = 10.00 WHERE id = 'f1-xs'");
        Instant changed = Instant.parse(fixture.query(
                "SELECT to_char(effective_from AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM vm_size_price_history "
                + "WHERE size = 'f1-xs' AND isfinite(effective_from)"));
        fixture.vm("alice@example.org", "f1-xs", changed.minus(MONTH), changed.plus(HALF_MONTH));
        fixture.clock.set(changed.plus(Duration.ofDays(90)));

        Statement s = fixture.payments.statement("alice@example.org");

        // A month at the old 5.33, half a month at the new 10.00.
        assertDollars("10.33", s.used());
        assertEquals("2", fixture.query("SELECT count(*) FROM vm_size_price_history WHERE size = 'f1-xs'"));
    }

    @Test
    void everyAccountIsListedWithItsBalanceLowestFirst() throws Exception {
        fixture.account("carol@example.org");
        fixture.payments.add("bob@example.org", new BigDecimal("3.00"), "karaf", "");
        fixture.vm("alice@example.org", "f1-xs", NOW.minus(MONTH), null);

        List<AccountBalance> balances = fixture.payments.balances();

        assertEquals(List.of("alice@example.org", "carol@example.org", "bob@example.org"),
                balances.stream().map(AccountBalance::email).toList());
        assertDollars("-5.33", balances.get(0).balance());
        assertEquals(1, balances.get(0).liveVms());
        assertDollars("3.00", balances.get(2).balance());
    }
}
