package org.stoa.payments.command;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.stoa.shell.Candidates;
import org.stoa.payments.AccountBalance;
import org.stoa.payments.Payments;

/** Completes an account's email with the accounts there are. */
@Service
public class AccountEmailCompleter implements Completer {

    @Reference
    Payments payments;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return Candidates.complete(session, commandLine, candidates, () -> payments.balances().stream().map(AccountBalance::email).toList());
    }
}
