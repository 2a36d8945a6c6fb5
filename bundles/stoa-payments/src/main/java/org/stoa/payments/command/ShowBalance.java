package org.stoa.payments.command;

import java.math.RoundingMode;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.Dollars;
import org.stoa.payments.Payment;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.payments.Statement;
import org.stoa.payments.VmUsage;

@Command(scope = "account", name = "balance", description = "Show an account's payments, the usage of each of its VMs, and its balance")
@Service
public class ShowBalance extends PaymentCommand {

    private static final String PAYMENT = "  %-6s %-20s %10s  %s";
    private static final String VM = "  %-18s %-6s %-20s %-20s %9s %10s";

    @Argument(index = 0, name = "EMAIL", required = true, description = "the account")
    String email;

    @Override
    void run(Payments payments) throws PaymentException {
        Statement s = payments.statement(email);
        System.out.println("Account " + s.email() + " at " + time(s.at()));
        System.out.println("Payments:");
        System.out.println(String.format(PAYMENT, "ID", "CREATED", "DOLLARS", "STATE"));
        for (Payment p : s.payments()) {
            System.out.println(String.format(PAYMENT, p.id(), time(p.created()), Dollars.format(p.dollars()),
                    p.invalidated() ? "invalidated (not counted; see payment:history " + p.id() + ")" : "valid"));
        }
        System.out.println("Usage:");
        System.out.println(String.format(VM, "VM", "SIZE", "CREATED", "DELETED", "DAYS", "DOLLARS"));
        for (VmUsage u : s.usage()) {
            System.out.println(String.format(VM, u.vmId(), u.size(), time(u.created()),
                    u.deleted() == null ? "running" : time(u.deleted()), u.days().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                    Dollars.format(u.dollars())));
        }
        System.out.println("Paid:    " + Dollars.format(s.paid()));
        System.out.println("Used:    " + Dollars.format(s.used()));
        System.out.println("Balance: " + Dollars.format(s.balance()));
    }
}
