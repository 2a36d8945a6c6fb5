package org.stoa.payments;

import java.time.Instant;

/**
 * One line of a payment's audit trail: {@code action} is {@code added}, {@code invalidated} or
 * {@code restored}; {@code who} the operator's shell user or the provider; {@code why} the note
 * or reason given.
 */
public record PaymentChange(long payment, String action, String who, String why, Instant at) {
}
