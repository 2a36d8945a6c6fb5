package org.stoa.payments.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.shell.Table;

@Command(scope = "payment", name = "list", description = "List payments, valid and invalidated, oldest first")
@Service
public class ListPayments extends PaymentCommand {

    @Completion(AccountEmailCompleter.class)
    @Option(name = "--email", description = "only this account's payments")
    String email;

    @Override
    void run(Payments payments) throws PaymentException {
        List<Payment> listed = payments.list(email);
        Table table = Table.separatedBy(" ").left("ID", 6).left("CREATED", 20).left("EMAIL", 30).right("DOLLARS", 10)
                .left("STATE", 0);
        for (Payment p : listed) {
            table.row(p.id(), time(p.created()), p.email(), p.dollars().toPlainString(), p.invalidated() ? "invalidated" : "valid");
        }
        table.print(System.out);
    }
}
