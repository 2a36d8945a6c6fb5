package org.stoa.payments.command;

import java.math.RoundingMode;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.Dollars;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.payments.Statement;
import org.stoa.payments.VmUsage;
import org.stoa.shell.Table;

@Command(scope = "account", name = "balance", description = "Show an account's payments, the usage of each of its VMs, and its balance")
@Service
public class ShowBalance extends PaymentCommand {

    /** The payments and usage tables are indented under their headings. */
    private static final String INDENT = "  ";

    @Completion(AccountEmailCompleter.class)
    @Argument(index = 0, name = "EMAIL", required = true, description = "the account")
    String email;

    @Override
    void run(Payments payments) throws PaymentException {
        Statement s = payments.statement(email);
        System.out.println("Account " + s.email() + " at " + time(s.at()));
        System.out.println("Payments:");
        Table paid = Table.separatedBy(" ").left("ID", 6).left("CREATED", 20).right("DOLLARS", 10).gap().left("STATE", 0);
        for (Payment p : s.payments()) {
            paid.row(p.id(), time(p.created()), Dollars.format(p.dollars()),
                    p.invalidated() ? "invalidated (not counted; see payment:history " + p.id() + ")" : "valid");
        }
        paid.lines().forEach(line -> System.out.println(INDENT + line));
        System.out.println("Usage:");
        Table used = Table.separatedBy(" ").left("VM", 18).left("SIZE", 6).left("CREATED", 20).left("DELETED", 20)
                .right("DAYS", 9).right("DOLLARS", 10);
        for (VmUsage u : s.usage()) {
            used.row(u.vmId(), u.size(), time(u.created()), u.deleted() == null ? "running" : time(u.deleted()),
                    u.days().setScale(2, RoundingMode.HALF_UP).toPlainString(), Dollars.format(u.dollars()));
        }
        used.lines().forEach(line -> System.out.println(INDENT + line));
        System.out.println("Paid:    " + Dollars.format(s.paid()));
        System.out.println("Used:    " + Dollars.format(s.used()));
        System.out.println("Balance: " + Dollars.format(s.balance()));
    }
}
