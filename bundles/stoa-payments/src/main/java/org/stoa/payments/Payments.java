package org.stoa.payments;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Payments, their audit trail and balances. Every change is one transaction that also writes
 * its audit row; a {@link PaymentException} means nothing was changed.
 */
@ProviderType
public interface Payments {

    /** Records a payment of {@code dollars} (more than zero, two decimals) for an existing account. */
    Payment add(String email, java.math.BigDecimal dollars, String who, String note) throws PaymentException;

    /** Every payment, or one account's, oldest first. */
    List<Payment> list(String email) throws PaymentException;

    /** Stops counting a payment (a chargeback); refused when it is invalidated already. */
    Payment invalidate(long id, String who, String reason) throws PaymentException;

    /** Counts an invalidated payment again; refused when it is valid. */
    Payment restore(long id, String who, String reason) throws PaymentException;

    /** The payment's audit trail, oldest first. */
    List<PaymentChange> history(long id) throws PaymentException;

    /** The account's payments, usage and balance now. */
    Statement statement(String email) throws PaymentException;

    /** Every account's balance now, lowest first. */
    List<AccountBalance> balances() throws PaymentException;

    /**
     * Acts once on a provider's report of a checkout: a paid checkout becomes a payment, a failed
     * one invalidates its payment. The same event, or another event about a checkout already
     * settled the same way, changes nothing. Returns what was done, in words.
     */
    String settle(CheckoutEvent event) throws PaymentException;
}
