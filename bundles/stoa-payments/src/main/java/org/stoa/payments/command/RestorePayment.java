package org.stoa.payments.command;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;

@Command(scope = "payment", name = "restore", description = "Count an invalidated payment again (audited)")
@Service
public class RestorePayment extends ChangePayment {

    @Override
    Payment change(Payments payments, long payment, String why) throws PaymentException {
        return payments.restore(payment, operator(), why);
    }
}
