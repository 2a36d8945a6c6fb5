package org.stoa.payments.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;

@Command(scope = "payment", name = "list", description = "List payments, valid and invalidated, oldest first")
@Service
public class ListPayments extends PaymentCommand {

    private static final String ROW = "%-6s %-20s %-30s %10s %s";

    @Option(name = "--email", description = "only this account's payments")
    String email;

    @Override
    void run(Payments payments) throws PaymentException {
        List<Payment> listed = payments.list(email);
        System.out.println(String.format(ROW, "ID", "CREATED", "EMAIL", "DOLLARS", "STATE"));
        for (Payment p : listed) {
            System.out.println(String.format(ROW, p.id(), time(p.created()), p.email(), p.dollars().toPlainString(),
                    p.invalidated() ? "invalidated" : "valid"));
        }
    }
}
