package org.stoa.payments.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.payments.PaymentChange;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.shell.Table;

@Command(scope = "payment", name = "history", description = "Show a payment's audit trail: who changed it, why and when")
@Service
public class PaymentHistory extends PaymentCommand {

    @Argument(index = 0, name = "ID", required = true, description = "the payment's id (see payment:list)")
    String id;

    @Override
    void run(Payments payments) throws PaymentException, CommandException {
        List<PaymentChange> trail = payments.history(paymentId(id));
        Table table = Table.separatedBy(" ").left("WHEN", 20).left("ACTION", 12).left("WHO", 16).left("WHY", 0);
        for (PaymentChange change : trail) {
            table.row(time(change.at()), change.action(), change.who(), change.why());
        }
        table.print(System.out);
    }
}
