package org.stoa.payments.command;

import java.util.List;
import java.util.Set;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.CommandException;
import org.stoa.payments.Dollars;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.shell.TrailingOptions;

/** payment:invalidate and payment:restore: ID, then a reason the audit trail keeps. */
abstract class ChangePayment extends PaymentCommand {

    @Argument(index = 0, name = "ID", required = true, description = "the payment's id (see payment:list)")
    String id;

    @Argument(index = 1, name = "OPTIONS", multiValued = true, description = "--reason may also follow the id")
    List<String> trailing;

    @Option(name = "--reason", description = "why, kept in the audit trail (required)")
    String reason;

    @Override
    final void run(Payments payments) throws PaymentException, CommandException {
        long payment = paymentId(id);
        String why = TrailingOptions.read(trailing, Set.of(), Set.of("--reason"), null).value("--reason", reason);
        Payment changed = change(payments, payment, why);
        System.out.println("Payment " + changed.id() + " (" + Dollars.format(changed.dollars()) + " of " + changed.email()
                + ") " + (changed.invalidated() ? "invalidated" : "restored") + ". Balance of " + changed.email() + ": "
                + Dollars.format(payments.statement(changed.email()).balance()) + ".");
    }

    abstract Payment change(Payments payments, long payment, String why) throws PaymentException;
}
