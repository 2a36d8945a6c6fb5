package org.stoa.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Dollar amounts as operators type them and as they are shown. Stored amounts are
 * NUMERIC(8,2): at most 999999.99 and two decimals. Shown amounts are rounded half up to cents;
 * every computation before that is exact.
 */
public final class Dollars {

    /** The largest amount NUMERIC(8,2) holds. */
    public static final BigDecimal MAX = new BigDecimal("999999.99");

    private Dollars() {
    }

    /** A positive amount of at most two decimals, as typed ({@code 20}, {@code 20.5}, {@code 20.00}). */
    public static BigDecimal parsePositive(String text) throws PaymentException {
        BigDecimal amount = parse(text);
        if (amount.signum() <= 0) {
            throw new PaymentException("a payment must be more than $0.00 (got " + text.strip() + ")");
        }
        return amount;
    }

    /** An amount of at most two decimals within ±{@link #MAX}. */
    public static BigDecimal parse(String text) throws PaymentException {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("$")) {
            t = t.substring(1);
        }
        // Plain decimal notation only: no exponents, no grouping, no "NaN".
        if (!t.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new PaymentException("not an amount of dollars: " + text);
        }
        BigDecimal amount = new BigDecimal(t);
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new PaymentException("an amount has at most two decimals (cents): " + text);
        }
        if (amount.abs().compareTo(MAX) > 0) {
            throw new PaymentException("an amount is at most $" + MAX.toPlainString() + " (got " + text + ")");
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Rounded half up to cents: {@code $14.67}, {@code -$1.23}. */
    public static String format(BigDecimal amount) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_UP);
        return (cents.signum() < 0 ? "-$" : "$") + cents.abs().toPlainString();
    }
}
