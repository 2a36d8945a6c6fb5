package org.stoa.payments;

import java.math.BigDecimal;

/** An account's balance (unrounded) and how many VMs it has running now. */
public record AccountBalance(String email, BigDecimal balance, int liveVms) {
}
