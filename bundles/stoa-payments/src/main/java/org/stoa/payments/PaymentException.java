package org.stoa.payments;

/** Bad input or a conflict, with a one-line message meant for the operator. Nothing was changed. */
public class PaymentException extends Exception {

    private static final long serialVersionUID = 1L;

    public PaymentException(String message) {
        super(message);
    }
}
