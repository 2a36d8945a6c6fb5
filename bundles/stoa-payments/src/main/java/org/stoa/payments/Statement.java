package org.stoa.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An account's money at {@code at}: every payment (invalidated ones shown, not counted), the
 * usage of every VM it ever had, and balance = paid − used. Amounts are unrounded; round them
 * only to show them ({@link Dollars#format}).
 */
public record Statement(String email, Instant at, List<Payment> payments, List<VmUsage> usage, BigDecimal paid,
        BigDecimal used, BigDecimal balance) {
}
