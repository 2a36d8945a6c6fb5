package org.stoa.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** Amounts as operators type them: dollars and cents, nothing NUMERIC(8,2) cannot hold. */
class DollarsTest {

    @Test
    void wholeDollarsAndCentsAreRead() throws Exception {
        assertEquals(new BigDecimal("20.00"), Dollars.parsePositive("20"));
        assertEquals(new BigDecimal("20.50"), Dollars.parsePositive("20.5"));
        assertEquals(new BigDecimal("0.01"), Dollars.parsePositive("$0.01"));
        assertEquals(new BigDecimal("999999.99"), Dollars.parsePositive("999999.99"));
        assertEquals(new BigDecimal("-10.00"), Dollars.parse("-10"));
    }

    @Test
    void anythingElseIsRefusedInOneLine() {
        assertEquals("not an amount of dollars: ten", message("ten"));
        assertEquals("not an amount of dollars: 1e3", message("1e3"));
        assertEquals("not an amount of dollars: NaN", message("NaN"));
        assertEquals("an amount has at most two decimals (cents): 1.005", message("1.005"));
        assertEquals("an amount is at most $999999.99 (got 1000000)", message("1000000"));
        assertEquals("a payment must be more than $0.00 (got 0)", message("0"));
        assertEquals("a payment must be more than $0.00 (got -5)", message("-5"));
    }

    @Test
    void amountsAreShownRoundedHalfUpToCents() {
        assertEquals("$14.67", Dollars.format(new BigDecimal("14.665")));
        assertEquals("-$0.18", Dollars.format(new BigDecimal("-0.175")));
        assertEquals("$0.00", Dollars.format(BigDecimal.ZERO));
    }

    private static String message(String text) {
        return assertThrows(PaymentException.class, () -> Dollars.parsePositive(text)).getMessage();
    }
}
