package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The billing job over a simulated clock on the real PostgreSQL. The size t-30 costs $30.44 a
 * month, exactly $1.00 a day, so a balance is easy to follow by hand.
 */
class BillingDatabaseTest {

    private static final Instant T0 = Instant.parse("2030-06-01T00:00:00Z");
    private static final BigDecimal THRESHOLD = new BigDecimal("-10.00");

    private PaymentsFixture fixture;
    private final Inbox inbox = new Inbox();
    private final Hub hub = new Hub();

    /** Notices as the account holder receives them; it may be down. */
    private static final class Inbox implements Notices {
        final List<String> received = new ArrayList<>();
        boolean down;

        @Override
        public void deliver(long id, String to, String subject, String body) throws IOException {
            if (down) {
                throw new IOException("connection refused");
            }
            received.add(to + ": " + subject);
        }
    }

    /** The hub's VM deletion, as vm:destroy does it; it can fail for chosen VMs, as a crash would. */
    private final class Hub implements Billing.VmDeleter {
        final List<String> destroyed = new ArrayList<>();
        final Set<String> failing = new HashSet<>();

        @Override
        public void destroy(String vmId) throws Exception {
            if (failing.contains(vmId)) {
                throw new IllegalStateException("the process died while deleting " + vmId);
            }
            fixture.deleteVm(vmId, fixture.clock.instant());
            destroyed.add(vmId);
        }
    }

    @BeforeEach
    void database() throws Exception {
        fixture = new PaymentsFixture(T0);
        fixture.execute("INSERT INTO vm_sizes (id, dollars_per_month, memory_mb, vcpus, bandwidth_gb_per_month) "
                + "VALUES ('t-30', 30.44, 512, 1, 500)");
        fixture.account("alice@example.org");
    }

    /** A job as the schedule runs it; a new one stands for a restarted process. */
    private Billing job() {
        return new Billing(fixture.database, fixture.clock, hub, inbox, THRESHOLD);
    }

    private Billing.Report runAt(Duration sinceT0) throws Exception {
        fixture.clock.set(T0.plus(sinceT0));
        return job().run();
    }

    private static Duration days(double days) {
        return Duration.ofSeconds((long) (days * 86_400));
    }

    @Test
    void eachWarningIsSentOnceAsTheBalanceSlidesAndTheVmsGoOnlyAfterThem() throws Exception {
        fixture.payments.add("alice@example.org", new BigDecimal("10.00"), "karaf", "");
        String vm = fixture.vm("alice@example.org", "t-30", T0, null);

        runAt(days(1));
        assertEquals(List.of(), inbox.received, "$9 left: more than a week");
        runAt(days(3.5));
        runAt(days(3.6));
        assertEquals(List.of("alice@example.org: Your VM hosting balance runs out within a week"), inbox.received);
        runAt(days(9.5));
        runAt(days(10.5));
        runAt(days(10.6));
        assertEquals(List.of("alice@example.org: Your VM hosting balance runs out within a week",
                "alice@example.org: Your VM hosting balance runs out within a day",
                "alice@example.org: Your VM hosting balance is used up"), inbox.received);
        assertEquals(List.of(), hub.destroyed, "-$0.60 is above the threshold");

        Billing.Report deleting = runAt(days(20.5));

        assertEquals(List.of(vm), deleting.deletedVms());
        assertEquals("alice@example.org: Your VMs are being deleted: your balance is used up", inbox.received.get(3));
        runAt(days(21));
        assertEquals(4, inbox.received.size());
        assertEquals(List.of(vm), hub.destroyed);
        assertEquals("0", fixture.query("SELECT count(*) FROM billing_warnings"), "an account without VMs has nothing to be warned of");
    }

    @Test
    void aBalanceThatFallsPastTheThresholdAtOnceIsWarnedFirstAndDeletedOnlyOnALaterRun() throws Exception {
        String vm = fixture.vm("alice@example.org", "t-30", T0, null);

        Billing.Report first = runAt(days(15));

        assertEquals(List.of(), first.deletedVms());
        assertEquals(List.of("alice@example.org: Your VM hosting balance is used up"), inbox.received, "one notice for all three levels");
        assertEquals("3", fixture.query("SELECT count(*) FROM billing_warnings WHERE level IN ('week', 'day', 'zero')"));
        assertEquals(List.of(), job().run().deletedVms(), "the warning went out at this very moment, not before it");

        assertEquals(List.of(vm), runAt(days(15).plusHours(1)).deletedVms());
    }

    @Test
    void noVmIsDeletedWhileTheWarningsCouldNotBeDelivered() throws Exception {
        fixture.vm("alice@example.org", "t-30", T0, null);
        inbox.down = true;

        runAt(days(15));
        runAt(days(16));
        runAt(days(30));

        assertEquals(List.of(), hub.destroyed);
        assertEquals("1", fixture.query("SELECT count(*) FROM billing_notices WHERE delivered IS NULL"));
    }

    @Test
    void anAccountWhoseWarningsCouldNotBeDeliveredShowsItsDeletionHeld() throws Exception {
        fixture.vm("alice@example.org", "t-30", T0, null);
        fixture.account("bob@example.org");
        inbox.down = true;
        runAt(days(15));

        assertEquals(List.of("alice@example.org: VMs kept, not deleted: 1 billing notice undelivered since 2030-06-16T00:00:00Z",
                "bob@example.org: "), holds());
        inbox.down = false;
        runAt(days(15.5));
        assertEquals(List.of("alice@example.org: ", "bob@example.org: "), holds(), "delivered: billing may delete again");
    }

    private List<String> holds() throws Exception {
        return fixture.payments.balances().stream().map(a -> a.email() + ": " + a.deletionHold()).sorted().toList();
    }

    @Test
    void aRestartedJobDeliversWhatTheCrashedOneOwedAndDecidesNothingTwice() throws Exception {
        fixture.payments.add("alice@example.org", new BigDecimal("5.00"), "karaf", "");
        fixture.vm("alice@example.org", "t-30", T0, null);
        inbox.down = true;
        runAt(days(1));
        assertEquals(List.of(), inbox.received);

        inbox.down = false;
        Billing.Report restarted = runAt(days(1.5));

        assertEquals(0, restarted.noticesQueued());
        assertEquals(1, restarted.noticesDelivered());
        assertEquals(List.of("alice@example.org: Your VM hosting balance runs out within a week"), inbox.received);
        runAt(days(1.6));
        assertEquals(1, inbox.received.size());
    }

    @Test
    void aRestartedJobCarriesOnADeletionTheCrashedOneLeftHalfDone() throws Exception {
        String first = fixture.vm("alice@example.org", "t-30", T0, null);
        String second = fixture.vm("alice@example.org", "t-30", T0, null);
        runAt(days(15));
        hub.failing.add(second);

        Billing.Report crashed = runAt(days(16));
        assertEquals(List.of(first), crashed.deletedVms());

        hub.failing.clear();
        Billing.Report restarted = runAt(days(16.1));

        assertEquals(List.of(second), restarted.deletedVms());
        assertEquals(List.of(first, second), hub.destroyed, "each VM deleted once");
        assertEquals(2, inbox.received.size(), "one warning, one deletion notice");
    }

    @Test
    void aPaymentThatLiftsTheBalanceResetsTheWarningsSoALaterSlideWarnsAgain() throws Exception {
        fixture.payments.add("alice@example.org", new BigDecimal("5.00"), "karaf", "");
        fixture.vm("alice@example.org", "t-30", T0, null);
        runAt(days(1));
        assertEquals(1, inbox.received.size());

        fixture.payments.add("alice@example.org", new BigDecimal("20.00"), "karaf", "");
        runAt(days(2));
        assertEquals("0", fixture.query("SELECT count(*) FROM billing_warnings"));

        runAt(days(19));
        assertEquals(2, inbox.received.size());
        assertTrue(inbox.received.get(1).endsWith("within a week"), inbox.received.toString());
    }
}
