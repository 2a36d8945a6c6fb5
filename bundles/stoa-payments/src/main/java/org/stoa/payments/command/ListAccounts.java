package org.stoa.payments.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.stoa.payments.AccountBalance;
import org.stoa.payments.Dollars;
import org.stoa.payments.PaymentException;
import org.stoa.payments.Payments;
import org.stoa.shell.Table;

@Command(scope = "account", name = "list", description = "List every account with its balance, lowest (negative) first")
@Service
public class ListAccounts extends PaymentCommand {

    @Override
    void run(Payments payments) throws PaymentException {
        List<AccountBalance> balances = payments.balances();
        Table table = Table.separatedBy(" ").left("EMAIL", 40).right("BALANCE", 12).right("VMS", 4).left("BILLING", 0);
        for (AccountBalance a : balances) {
            table.row(a.email(), Dollars.format(a.balance()), a.liveVms(), a.deletionHold());
        }
        table.print(System.out);
    }
}
