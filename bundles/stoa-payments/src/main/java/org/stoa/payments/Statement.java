package org.stoa.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An account's money at {@code at}: every payment (invalidated ones shown, not counted), the
 * usage of every VM it ever had, and balance = paid − used. Amounts are unrounded; round them
 * only to show them ({@link Dollars#format}).
 */
public record Statement(String email, Instant at, List<Payment> payments, List<VmUsage> usage) {

    public Statement {
        payments = List.copyOf(payments);
        usage = List.copyOf(usage);
    }

    /** The valid payments' sum. */
    public BigDecimal paid() {
        return payments.stream().filter(p -> !p.invalidated()).map(Payment::dollars).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Every VM's usage summed. */
    public BigDecimal used() {
        return usage.stream().map(VmUsage::dollars).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal balance() {
        return paid().subtract(used());
    }
}
