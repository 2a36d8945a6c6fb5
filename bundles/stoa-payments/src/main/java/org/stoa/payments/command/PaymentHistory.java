package org.stoa.payments.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.payments.PaymentChange;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;

@Command(scope = "payment", name = "history", description = "Show a payment's audit trail: who changed it, why and when")
@Service
public class PaymentHistory extends PaymentCommand {

    private static final String ROW = "%-20s %-12s %-16s %s";

    @Argument(index = 0, name = "ID", required = true, description = "the payment's id (see payment:list)")
    String id;

    @Override
    void run(Payments payments) throws PaymentException, CommandException {
        List<PaymentChange> trail = payments.history(paymentId(id));
        System.out.println(String.format(ROW, "WHEN", "ACTION", "WHO", "WHY"));
        for (PaymentChange change : trail) {
            System.out.println(String.format(ROW, time(change.at()), change.action(), change.who(), change.why()));
        }
    }
}
