package org.stoa.payments.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.AccountBalance;
import org.stoa.payments.Dollars;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;

@Command(scope = "account", name = "list", description = "List every account with its balance, lowest (negative) first")
@Service
public class ListAccounts extends PaymentCommand {

    private static final String ROW = "%-40s %12s %s";

    @Override
    void run(Payments payments) throws PaymentException {
        List<AccountBalance> balances = payments.balances();
        System.out.println(String.format(ROW, "EMAIL", "BALANCE", "VMS"));
        for (AccountBalance a : balances) {
            System.out.println(String.format(ROW, a.email(), Dollars.format(a.balance()), a.liveVms()));
        }
    }
}
