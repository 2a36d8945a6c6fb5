package org.stoa.payments.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stoa.payments.Dollars;

/**
 * Capsul's usage price against hand-computed cases. 30.44 days are 2,630,016 seconds
 * (30 days 10:33:36): a VM running that long costs exactly its monthly price.
 */
class PricingTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Duration MONTH = Duration.ofSeconds(2_630_016);
    private static final Duration HALF_MONTH = Duration.ofSeconds(1_315_008);
    private static final List<Pricing.Price> F1_XS = List.of(new Pricing.Price(null, new BigDecimal("5.33")));

    private static BigDecimal cost(Instant created, Instant deleted, Instant now, List<Pricing.Price> prices) {
        return Pricing.cost(created, Pricing.billedUntil(created, deleted, now), prices);
    }

    private static void assertDollars(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", got " + actual);
    }

    @Test
    void aVmDeletedAfterExactlyOneMonthCostsItsMonthlyPrice() {
        assertDollars("5.33", cost(T0, T0.plus(MONTH), T0.plus(Duration.ofDays(400)), F1_XS));
    }

    @Test
    void aDeletedVmStopsCostingAtItsDeletionAndIsShownRoundedHalfUp() {
        BigDecimal halfMonth = cost(T0, T0.plus(HALF_MONTH), T0.plus(Duration.ofDays(400)), F1_XS);

        assertDollars("2.665", halfMonth);
        assertEquals("$2.67", Dollars.format(halfMonth));
    }

    @Test
    void aRunningVmCostsUntilNow() {
        assertDollars("10.66", cost(T0, null, T0.plus(MONTH).plus(MONTH), F1_XS));
    }

    @Test
    void aVmThatRanUnderADayCostsOneDay() {
        List<Pricing.Price> dollarADay = List.of(new Pricing.Price(null, new BigDecimal("30.44")));

        assertDollars("1.00", cost(T0, T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofDays(9)), dollarADay));
        assertDollars("1.00", cost(T0, null, T0.plus(Duration.ofMinutes(5)), dollarADay));
        assertDollars("1", Pricing.days(T0, Pricing.billedUntil(T0, T0.plus(Duration.ofHours(1)), T0)));
    }

    @Test
    void aPriceChangeMidLifePricesEachStretchAtItsOwnPrice() {
        List<Pricing.Price> raised = List.of(new Pricing.Price(null, new BigDecimal("5.33")),
                new Pricing.Price(T0.plus(MONTH), new BigDecimal("10.00")));

        // One month at 5.33, then half a month at 10.00.
        assertDollars("10.33", cost(T0, T0.plus(MONTH).plus(HALF_MONTH), T0.plus(Duration.ofDays(400)), raised));
    }

    @Test
    void priceChangesBeforeAVmWasCreatedOrAfterItWasDeletedDoNotTouchIt() {
        List<Pricing.Price> history = List.of(new Pricing.Price(null, new BigDecimal("1.00")),
                new Pricing.Price(T0, new BigDecimal("5.33")), new Pricing.Price(T0.plus(Duration.ofDays(100)), new BigDecimal("99.00")));

        assertDollars("5.33", cost(T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(1)).plus(MONTH), T0.plus(Duration.ofDays(400)), history));
    }

    @Test
    void timeBeforeTheFirstRecordedPriceIsChargedAtThatPrice() {
        List<Pricing.Price> recordedLater = List.of(new Pricing.Price(T0.plus(HALF_MONTH), new BigDecimal("5.33")));

        assertDollars("5.33", cost(T0, T0.plus(MONTH), T0.plus(Duration.ofDays(400)), recordedLater));
    }

    @Test
    void theDailyRateIsTheMonthlyPriceInEffectNowOver3044Days() {
        List<Pricing.Price> raised = List.of(new Pricing.Price(null, new BigDecimal("30.44")),
                new Pricing.Price(T0, new BigDecimal("60.88")));

        assertDollars("1", Pricing.perDay(raised, T0.minusSeconds(1)));
        assertDollars("2", Pricing.perDay(raised, T0));
    }
}
