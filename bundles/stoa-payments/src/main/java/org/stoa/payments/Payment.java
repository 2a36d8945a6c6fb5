package org.stoa.payments;

import java.math.BigDecimal;
import java.time.Instant;

/** A payment as capsul records it: money an account paid, counted while not invalidated. */
public record Payment(long id, Instant created, String email, BigDecimal dollars, boolean invalidated) {
}
