package org.stoa.payments;

import java.math.BigDecimal;

/**
 * What a payment provider's webhook reported about one checkout (a Stripe checkout session, a
 * BTCPay invoice), after its signature was verified.
 *
 * @param provider {@code stripe} or {@code btcpay}: who the audit trail names
 * @param eventId  the provider's id of this event; a second delivery of it changes nothing
 * @param type     the provider's event type, as sent
 * @param session  the checkout's id at the provider
 * @param outcome  what the event means for the checkout
 * @param email    the account it is for, as the provider sent it (null when it sent none)
 * @param dollars  the amount paid (null when the event carries none)
 */
public record CheckoutEvent(String provider, String eventId, String type, String session, Outcome outcome,
        String email, BigDecimal dollars) {

    public enum Outcome {
        /** The money is in: the checkout becomes a payment. */
        PAID,
        /** Completed, money still to come (an asynchronous payment method). */
        PENDING,
        /** Expired or failed: its payment, if any, is invalidated. */
        FAILED,
        /** A type this endpoint does not act on. */
        IGNORED
    }
}
