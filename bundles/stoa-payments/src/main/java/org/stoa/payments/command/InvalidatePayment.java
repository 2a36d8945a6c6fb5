package org.stoa.payments.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;

@Command(scope = "payment", name = "invalidate", description = "Stop counting a payment, e.g. after a chargeback (audited)")
@Service
public class InvalidatePayment extends ChangePayment {

    @Override
    Payment change(Payments payments, long payment, String why) throws PaymentException {
        return payments.invalidate(payment, operator(), why);
    }
}
