package org.stoa.payments;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one VM cost its account: from {@code created} to {@code deleted} (null: still running,
 * counted to the statement's time), at least one day, priced by the month (30.44 days) at each
 * price its size had meanwhile. {@code days} and {@code dollars} are unrounded.
 */
public record VmUsage(String vmId, String size, Instant created, Instant deleted, BigDecimal days, BigDecimal dollars) {
}
