package org.stoa.payments.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Capsul's price of a VM's time: days from its creation to its deletion (or now), at least
 * one day, divided by 30.44 per month, times its size's monthly price. A size whose price
 * changed is priced piecewise: each stretch of the VM's life at the price of that stretch.
 * Decimal arithmetic throughout; the one division keeps {@value #SCALE} decimals, far below
 * a cent, and nothing is rounded to cents here.
 */
final class Pricing {

    /** A price and the moment it took effect; {@code from} null: since always. */
    record Price(Instant from, BigDecimal dollarsPerMonth) {
    }

    static final int SCALE = 12;
    static final BigDecimal DAYS_PER_MONTH = new BigDecimal("30.44");
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal SECONDS_PER_MONTH = SECONDS_PER_DAY.multiply(DAYS_PER_MONTH);
    private static final Duration MINIMUM = Duration.ofDays(1);

    private Pricing() {
    }

    /** When the VM stops counting: its deletion, or {@code now}, but never less than a day after creation. */
    static Instant billedUntil(Instant created, Instant deleted, Instant now) {
        Instant end = deleted != null ? deleted : now;
        Instant minimum = created.plus(MINIMUM);
        return end.isBefore(minimum) ? minimum : end;
    }

    static BigDecimal days(Instant created, Instant until) {
        return seconds(created, until).divide(SECONDS_PER_DAY, SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * The cost of running from {@code created} to {@code until} under {@code prices}, oldest
     * first. Time before the first recorded price is charged at that first price.
     */
    static BigDecimal cost(Instant created, Instant until, List<Price> prices) {
        if (prices.isEmpty()) {
            throw new IllegalArgumentException("no price is known for this size");
        }
        BigDecimal dollarSeconds = BigDecimal.ZERO;
        for (int i = 0; i < prices.size(); i++) {
            Instant from = i == 0 ? created : max(created, prices.get(i).from());
            Instant to = i + 1 < prices.size() ? min(until, prices.get(i + 1).from()) : until;
            if (to.isAfter(from)) {
                dollarSeconds = dollarSeconds.add(seconds(from, to).multiply(prices.get(i).dollarsPerMonth()));
            }
        }
        return dollarSeconds.divide(SECONDS_PER_MONTH, SCALE, RoundingMode.HALF_EVEN);
    }

    /** Dollars per day at the price in effect at {@code now} ({@code prices} oldest first). */
    static BigDecimal perDay(List<Price> prices, Instant now) {
        Price current = prices.get(0);
        for (Price p : prices) {
            if (p.from() == null || !p.from().isAfter(now)) {
                current = p;
            }
        }
        return current.dollarsPerMonth().divide(DAYS_PER_MONTH, SCALE, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    }

    private static Instant max(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }
}
