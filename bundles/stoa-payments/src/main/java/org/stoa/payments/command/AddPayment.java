package org.stoa.payments.command;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.payments.Dollars;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.shell.TrailingOptions;

@Command(scope = "payment", name = "add", description = "Record a payment an account made (audited)")
@Service
public class AddPayment extends PaymentCommand {

    @Completion(AccountEmailCompleter.class)
    @Argument(index = 0, name = "EMAIL", required = true, description = "the account")
    String email;

    @Argument(index = 1, name = "DOLLARS", required = true, description = "the amount, e.g. 20 or 20.00")
    String dollars;

    @Argument(index = 2, name = "OPTIONS", multiValued = true, description = "--note may also follow the arguments")
    List<String> trailing;

    @Option(name = "--note", description = "why or how it was paid, kept in the audit trail")
    String note;

    @Override
    void run(Payments payments) throws PaymentException, CommandException {
        String why = TrailingOptions.read(trailing, Set.of(), Set.of("--note"), null).value("--note", note);
        Payment payment = payments.add(email, Dollars.parsePositive(dollars), operator(), why);
        System.out.println("Payment " + payment.id() + " of " + Dollars.format(payment.dollars()) + " added to "
                + payment.email() + ".");
    }
}
